package dev.posture.protocol.console;

import dev.posture.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ConsoleFieldsTest {

    @Test
    void emptyTextHasNoFields() throws ProtocolException {
        assertEquals(Map.of(), ConsoleFields.parse(""));
    }

    @Test
    void fieldsKeepTheirOrder() throws ProtocolException {
        Map<String, String> fields = ConsoleFields.parse("state=UPRIGHT fwd=3.2 calibrated=yes");
        assertEquals(List.of("state", "fwd", "calibrated"), List.copyOf(fields.keySet()));
        assertEquals(List.of("UPRIGHT", "3.2", "yes"), List.copyOf(fields.values()));
    }

    @Test
    void bareValuesMayHoldEqualsSignsAndQuotesAfterTheFirstChar() throws ProtocolException {
        assertEquals(Map.of("broker_url", "tcp://h:1883/?a=b", "q", "a\"b"), ConsoleFields.parse("broker_url=tcp://h:1883/?a=b q=a\"b"));
    }

    @Test
    void quotedValuesMayHoldSpacesQuotesAndBackslashes() throws ProtocolException {
        assertEquals(Map.of("device_id", "desk 3", "empty", "", "odd", "\"x\\"),
                ConsoleFields.parse("device_id=\"desk 3\" empty=\"\" odd=\"\\\"x\\\\\""));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("a=", "missing value for key 'a' at offset 2"),
                arguments("a= b=1", "missing value for key 'a' at offset 2"),
                arguments("a=1  b=2", "expected a key at offset 4"),
                arguments(" a=1", "expected a key at offset 0"),
                arguments("a=1 ", "expected a key at offset 4"),
                arguments("=1", "expected a key at offset 0"),
                arguments("a", "expected '=' after key 'a' at offset 1"),
                arguments("a-b=1", "expected '=' after key 'a' at offset 1"),
                arguments("a=1 a=2", "duplicate key 'a' at offset 4"),
                arguments("a=\"x", "value of a: missing closing quote for the quote at offset 2"),
                arguments("a=\"x\"y", "expected a space at offset 5"),
                arguments("a=\"\\t\"", "value of a: unknown escape '\\t' at offset 3"),
                arguments("a=x\u0001", "byte 0x01 at offset 3 is not printable ASCII"),
                arguments("a=x\ty", "byte 0x09 at offset 3 is not printable ASCII"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedFieldsNamingTheOffset(String text, String message) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ConsoleFields.parse(text));
        assertEquals(message, e.getMessage());
    }
}
