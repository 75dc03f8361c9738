package dev.posture.protocol.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.posture.protocol.ProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns payload bytes into a JSON object tree, strictly: bounded size, UTF-8 only (no byte order
 * mark, no UTF-16 guessing), one object and nothing after it, no duplicate field at any depth,
 * bounded nesting. Numbers with a fraction or exponent become exact BigDecimals. Every failure
 * is a ProtocolException whose message starts with the message kind, e.g. {@code event: ...}.
 */
final class JsonPayload {
    /** Largest payload accepted, checked before anything is parsed. */
    static final int MAX_BYTES = 64 * 1024;
    /** Deepest nesting of objects and arrays, counting the outer object as 1. */
    static final int MAX_DEPTH = 32;

    /**
     * The one Jackson factory of the codec, for parsers and generators. Its defaults are strict
     * already: no comments, NaN, single quotes, leading zeros or trailing commas when reading; UTF-8
     * without escaping non-ASCII when writing.
     */
    static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String what;

    private JsonPayload(String what) {
        this.what = what;
    }

    /** Parses payload as the message kind named by what; the result's fields are unchecked. */
    static ObjectNode parse(byte[] payload, String what) throws ProtocolException {
        return new JsonPayload(what).parse(payload);
    }

    private ObjectNode parse(byte[] payload) throws ProtocolException {
        if (payload == null || payload.length == 0) {
            throw error("payload is empty");
        }
        if (payload.length > MAX_BYTES) {
            throw error("payload is " + payload.length + " bytes, more than " + MAX_BYTES);
        }
        String text = utf8(payload);
        if (text.charAt(0) == '\uFEFF') {
            throw error("payload starts with a byte order mark");
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw error("payload must be a JSON object");
            }
            ObjectNode root = readObject(parser, "", 1);
            if (parser.nextToken() != null) {
                throw error("unexpected data after the JSON object at " + where(parser.currentTokenLocation()));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            throw new ProtocolException(what + ": malformed JSON" + (location == null ? "" : " at " + where(location)));
        } catch (IOException e) {
            // Reading from a String performs no I/O; kept as a ProtocolException all the same.
            throw new ProtocolException(what + ": unreadable JSON");
        }
    }

    private String utf8(byte[] payload) throws ProtocolException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(payload);
        CharBuffer out = CharBuffer.allocate(payload.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw error("payload is not UTF-8 at byte " + in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw error("payload is not UTF-8 at byte " + in.position());
        }
        return out.flip().toString();
    }

    private ObjectNode readObject(JsonParser parser, String path, int depth) throws IOException, ProtocolException {
        ObjectNode object = NODES.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (object.has(name)) {
                throw error("field " + FieldCheck.quoteName(path + name) + " appears twice");
            }
            object.set(name, readValue(parser, parser.nextToken(), path + name, depth));
        }
        if (token != JsonToken.END_OBJECT) {
            throw error("malformed JSON at " + where(parser.currentTokenLocation()));
        }
        return object;
    }

    private ArrayNode readArray(JsonParser parser, String path, int depth) throws IOException, ProtocolException {
        ArrayNode array = NODES.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            array.add(readValue(parser, token, path + "[" + array.size() + "]", depth));
        }
        return array;
    }

    /** The value starting at token; containers are one level deeper than their parent. */
    private JsonNode readValue(JsonParser parser, JsonToken token, String path, int depth)
            throws IOException, ProtocolException {
        if (token == null) {
            throw error("payload ends inside the JSON object");
        }
        switch (token) {
            case START_OBJECT:
                checkDepth(depth + 1);
                return readObject(parser, path + ".", depth + 1);
            case START_ARRAY:
                checkDepth(depth + 1);
                return readArray(parser, path, depth + 1);
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return readNumber(parser);
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw error("malformed JSON at " + where(parser.currentTokenLocation()));
        }
    }

    /**
     * An exact number node. Jackson reports an exponent beyond the range of BigDecimal
     * ({@code 1e9999999999}) as a NumberFormatException rather than a parse error.
     */
    private JsonNode readNumber(JsonParser parser) throws IOException, ProtocolException {
        try {
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                // DecimalNode keeps the scale as written: 15.50 stays 15.50.
                return DecimalNode.valueOf(parser.getDecimalValue());
            }
            switch (parser.getNumberType()) {
                case INT:
                    return NODES.numberNode(parser.getIntValue());
                case LONG:
                    return NODES.numberNode(parser.getLongValue());
                default:
                    return NODES.numberNode(parser.getBigIntegerValue());
            }
        } catch (NumberFormatException e) {
            throw error("number out of range at " + where(parser.currentTokenLocation()));
        }
    }

    private void checkDepth(int depth) throws ProtocolException {
        if (depth > MAX_DEPTH) {
            throw error("payload nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private ProtocolException error(String problem) {
        return new ProtocolException(what + ": " + problem);
    }
}
