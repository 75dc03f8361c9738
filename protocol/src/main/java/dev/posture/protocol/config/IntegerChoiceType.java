package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.stream.Collectors;

/** One of a fixed set of whole numbers, such as the full-scale ranges a sensor chip offers. */
final class IntegerChoiceType implements NumberType<Integer> {
    private final int[] allowed;

    IntegerChoiceType(int... allowed) {
        this.allowed = allowed.clone();
    }

    @Override
    public Integer check(NumberInput.Parsed parsed) throws ProtocolException {
        for (int candidate : allowed) {
            if (parsed.value().compareTo(BigDecimal.valueOf(candidate)) == 0) {
                return candidate;
            }
        }
        throw new ProtocolException(parsed.shown() + " is not one of " + rangeText());
    }

    @Override
    public Object toJson(Integer value) {
        return value;
    }

    @Override
    public String typeName() {
        return "integer";
    }

    @Override
    public String rangeText() {
        return Arrays.stream(allowed).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }
}
