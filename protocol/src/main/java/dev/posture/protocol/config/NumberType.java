package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;

/**
 * A value that is a number on every wire. Text from the console or the config file and a JSON number
 * both become an exact decimal ({@link NumberInput}) and then meet the same {@link #check}, so the
 * two wires accept the same values with the same messages.
 *
 * @param <T> the Java type of the value
 */
sealed interface NumberType<T> extends ValueType<T> permits IntegerType, IntegerChoiceType, DecimalType {

    /** The value of a number that arrived from either wire, or why this type does not allow it. */
    T check(NumberInput.Parsed parsed) throws ProtocolException;

    @Override
    default T fromText(String text) throws ProtocolException {
        return check(NumberInput.fromText(text, "a number"));
    }

    @Override
    default T fromJson(Object json) throws ProtocolException {
        return check(NumberInput.fromJson(json, "a number"));
    }

    /** Integer and {@link FixedDecimal} both print their canonical text. */
    @Override
    default String toText(T value) {
        return value.toString();
    }
}
