package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;

/**
 * A value whose JSON form is a string holding exactly its text form: a JSON value must be a string
 * and is then read like text from the console or the config file, and the JSON written is the
 * canonical text.
 *
 * @param <T> the Java type of the value
 */
sealed interface TextType<T> extends ValueType<T> permits StringType, EnumType, BrokerUrlType, DailyWindowType {

    @Override
    default T fromJson(Object json) throws ProtocolException {
        if (!(json instanceof String text)) {
            throw new ProtocolException("expected a string, got " + ProblemText.json(json));
        }
        return fromText(text);
    }

    @Override
    default Object toJson(T value) {
        return toText(value);
    }
}
