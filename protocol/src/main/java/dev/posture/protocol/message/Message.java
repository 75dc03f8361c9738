package dev.posture.protocol.message;

import dev.posture.protocol.mqtt.TopicKind;

/**
 * A JSON message of the MQTT protocol. Every encoding starts with {@code "schema":1}; decoders
 * reject other schema versions, tolerate unknown fields, and name the field of any other problem.
 * {@link MessageCodec} encodes and decodes all of them.
 */
public sealed interface Message
        permits StatusMessage, EventMessage, TelemetryMessage, ConfigMessage, ConfigSetRequest, ConfigSetReply,
        CommandRequest, CommandReply {
    /** The payload schema version this code writes and reads. */
    int SCHEMA = 1;

    /** The topic kind whose payload this is (a reply is still a result kind on a response topic). */
    TopicKind kind();
}
