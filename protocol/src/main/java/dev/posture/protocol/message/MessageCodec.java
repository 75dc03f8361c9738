package dev.posture.protocol.message;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.mqtt.TopicKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * Encodes and decodes every MQTT message of the protocol as JSON: the one entry point, configured
 * once, safe to call from any thread.
 *
 * <p>Encoding is deterministic, so golden files can pin the bytes: UTF-8, no whitespace, fields in
 * a fixed order starting with {@code "schema":1}, null (absent) fields left out, angles written
 * with 1 to 3 fraction digits.
 *
 * <p>Decoding is strict about form and tolerant about content: a payload over
 * {@value #MAX_PAYLOAD_BYTES} bytes, not UTF-8, not a single JSON object, with a duplicate field
 * or nested deeper than 32 levels is rejected; unknown fields are ignored; a missing, mistyped or
 * out-of-range field is rejected with its name ({@code event: field 'seq' is missing}). Decoders
 * throw nothing but ProtocolException, whatever the bytes.
 */
public final class MessageCodec {
    /** Largest payload a decoder accepts and an encoder produces, in bytes. */
    public static final int MAX_PAYLOAD_BYTES = JsonPayload.MAX_BYTES;

    private MessageCodec() {
    }

    /**
     * The JSON bytes of a message.
     *
     * @throws IllegalArgumentException if the encoding would exceed {@link #MAX_PAYLOAD_BYTES}
     */
    public static byte[] encode(Message message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = JsonPayload.FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            FieldWriter out = new FieldWriter(generator);
            out.startObject();
            out.integer("schema", Message.SCHEMA);
            writeFields(message, out);
            out.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        if (bytes.size() > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException(message.kind().suffix() + " message is " + bytes.size()
                    + " bytes, more than " + MAX_PAYLOAD_BYTES);
        }
        return bytes.toByteArray();
    }

    private static void writeFields(Message message, FieldWriter out) throws IOException {
        if (message instanceof StatusMessage) {
            StatusJson.write((StatusMessage) message, out);
        } else if (message instanceof EventMessage) {
            EventJson.write((EventMessage) message, out);
        } else if (message instanceof TelemetryMessage) {
            TelemetryJson.write((TelemetryMessage) message, out);
        } else if (message instanceof ConfigMessage) {
            ConfigJson.write((ConfigMessage) message, out);
        } else if (message instanceof ConfigSetRequest) {
            ConfigJson.write((ConfigSetRequest) message, out);
        } else if (message instanceof ConfigSetReply) {
            ConfigJson.write((ConfigSetReply) message, out);
        } else if (message instanceof CommandRequest) {
            CommandJson.write((CommandRequest) message, out);
        } else if (message instanceof CommandReply) {
            CommandJson.write((CommandReply) message, out);
        } else {
            throw new IllegalArgumentException("not a message: " + message);
        }
    }

    /** A status payload ({@code posture/v1/+/status}). */
    public static StatusMessage decodeStatus(byte[] payload) throws ProtocolException {
        return decode(TopicKind.STATUS, payload, StatusJson::read);
    }

    /** An event payload ({@code posture/v1/+/event}). */
    public static EventMessage decodeEvent(byte[] payload) throws ProtocolException {
        return decode(TopicKind.EVENT, payload, EventJson::read);
    }

    /** A telemetry payload ({@code posture/v1/+/telemetry}). */
    public static TelemetryMessage decodeTelemetry(byte[] payload) throws ProtocolException {
        return decode(TopicKind.TELEMETRY, payload, TelemetryJson::read);
    }

    /** A config payload ({@code posture/v1/+/config}). */
    public static ConfigMessage decodeConfig(byte[] payload) throws ProtocolException {
        return decode(TopicKind.CONFIG, payload, ConfigJson::readConfig);
    }

    /** A config/set request payload. */
    public static ConfigSetRequest decodeConfigSetRequest(byte[] payload) throws ProtocolException {
        return decode(TopicKind.CONFIG_SET, payload, ConfigJson::readSetRequest);
    }

    /** A reply to a config/set request, from the response topic or {@code config/result}. */
    public static ConfigSetReply decodeConfigSetReply(byte[] payload) throws ProtocolException {
        return decode(TopicKind.CONFIG_RESULT, payload, ConfigJson::readSetReply);
    }

    /** A cmd request payload. */
    public static CommandRequest decodeCommandRequest(byte[] payload) throws ProtocolException {
        return decode(TopicKind.CMD, payload, CommandJson::readRequest);
    }

    /** A reply to a cmd request, from the response topic or {@code cmd/result}. */
    public static CommandReply decodeCommandReply(byte[] payload) throws ProtocolException {
        return decode(TopicKind.CMD_RESULT, payload, CommandJson::readReply);
    }

    /**
     * The payload of a topic of the given kind, for a subscriber that dispatches on
     * {@code Topic.parse(name).kind()}. Trace chunks are not JSON messages and are refused.
     */
    public static Message decode(TopicKind kind, byte[] payload) throws ProtocolException {
        switch (kind) {
            case STATUS:
                return decodeStatus(payload);
            case EVENT:
                return decodeEvent(payload);
            case TELEMETRY:
                return decodeTelemetry(payload);
            case CONFIG:
                return decodeConfig(payload);
            case CONFIG_SET:
                return decodeConfigSetRequest(payload);
            case CONFIG_RESULT:
                return decodeConfigSetReply(payload);
            case CMD:
                return decodeCommandRequest(payload);
            case CMD_RESULT:
                return decodeCommandReply(payload);
            default:
                throw new ProtocolException(kind.suffix() + ": payload is a raw trace chunk, not a JSON message");
        }
    }

    /** Parses the payload, checks the schema and hands the top-level fields to {@code reader}. */
    private static <T extends Message> T decode(TopicKind kind, byte[] payload, Function<FieldReader, T> reader)
            throws ProtocolException {
        String what = kind.suffix();
        ObjectNode root = JsonPayload.parse(payload, what);
        try {
            FieldReader fields = new FieldReader(root, "");
            fields.schema();
            return reader.apply(fields);
        } catch (InvalidFieldException e) {
            throw new ProtocolException(what + ": " + e.getMessage());
        }
    }
}
