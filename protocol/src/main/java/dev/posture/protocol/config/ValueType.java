package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;

/**
 * The type of one config key's value: how it is parsed from text (serial console, config file) and
 * from a JSON-native value, how it is printed back, and what it allows. Messages of the exceptions
 * thrown here do not name the key; {@link ConfigKey} prefixes it.
 *
 * @param <T> the Java type of the value held in a {@link Config}
 */
sealed interface ValueType<T> permits NumberType, TextType, OffOrIntegerType {

    T fromText(String text) throws ProtocolException;

    T fromJson(Object json) throws ProtocolException;

    /** The canonical text: what GET prints and the config file holds; {@link #fromText} reads it back. */
    String toText(T value);

    /** The JSON-native form: Integer, BigDecimal or String, as the MQTT config message carries it. */
    Object toJson(T value);

    /** A short type name for documentation, e.g. "integer" or "decimal". */
    String typeName();

    /** The allowed values in words, e.g. "5..45" or "off or 10..240". */
    String rangeText();
}
