package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;
import java.util.OptionalInt;

/** A whole number within a range, or the word {@code off} (an empty {@link OptionalInt}). */
final class OffOrIntegerType implements ValueType<OptionalInt> {
    static final String OFF = "off";

    private final IntegerType range;

    OffOrIntegerType(int min, int max) {
        this.range = new IntegerType(min, max);
    }

    @Override
    public OptionalInt fromText(String text) throws ProtocolException {
        if (text != null && AsciiCase.equalsIgnoreCase(text, OFF)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(range.check(NumberInput.fromText(text, "a number or off")));
    }

    @Override
    public OptionalInt fromJson(Object json) throws ProtocolException {
        if (json instanceof String text && AsciiCase.equalsIgnoreCase(text, OFF)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(range.check(NumberInput.fromJson(json, "a number or 'off'")));
    }

    @Override
    public String toText(OptionalInt value) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : OFF;
    }

    @Override
    public Object toJson(OptionalInt value) {
        return value.isPresent() ? (Object) value.getAsInt() : OFF;
    }

    @Override
    public String typeName() {
        return "integer or off";
    }

    @Override
    public String rangeText() {
        return "off or " + range.rangeText();
    }
}
