package dev.posture.protocol.message;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes the fields of one message in the order they are called, skipping nulls: the counterpart
 * of {@link FieldReader}. Field order is therefore fixed by the code, which golden files pin.
 */
final class FieldWriter {
    private final JsonGenerator out;

    FieldWriter(JsonGenerator out) {
        this.out = out;
    }

    void integer(String name, long value) throws IOException {
        out.writeNumberField(name, value);
    }

    void optionalInteger(String name, Long value) throws IOException {
        if (value != null) {
            integer(name, value);
        }
    }

    void optionalInteger(String name, Integer value) throws IOException {
        if (value != null) {
            integer(name, value);
        }
    }

    void string(String name, String value) throws IOException {
        out.writeStringField(name, value);
    }

    void optionalString(String name, String value) throws IOException {
        if (value != null) {
            string(name, value);
        }
    }

    void bool(String name, boolean value) throws IOException {
        out.writeBooleanField(name, value);
    }

    /**
     * An angle as a plain decimal with 1 to 3 fraction digits ({@code 21.0}, {@code 21.5},
     * {@code -3.125}). Written from the integer number of 0.001 degree steps rather than with
     * Double.toString, whose output differs between JDK releases, so the bytes are the same on
     * every JVM and reading them back gives the same double.
     */
    void angle(String name, double deg) throws IOException {
        long steps = Math.round(deg * FieldCheck.ANGLE_STEPS_PER_DEG);
        BigDecimal value = BigDecimal.valueOf(steps, 3).stripTrailingZeros();
        if (value.scale() < 1) {
            value = value.setScale(1);
        }
        out.writeFieldName(name);
        out.writeNumber(value.toPlainString());
    }

    void optionalAngle(String name, Double deg) throws IOException {
        if (deg != null) {
            angle(name, deg);
        }
    }

    void values(String name, Map<String, Object> values) throws IOException {
        out.writeFieldName(name);
        ValueMap.write(out, values);
    }

    void startObject(String name) throws IOException {
        out.writeObjectFieldStart(name);
    }

    void startObject() throws IOException {
        out.writeStartObject();
    }

    void endObject() throws IOException {
        out.writeEndObject();
    }

    void startArray(String name) throws IOException {
        out.writeArrayFieldStart(name);
    }

    void endArray() throws IOException {
        out.writeEndArray();
    }
}
