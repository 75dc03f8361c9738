package dev.posture.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.RecordingId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed access to the fields of one decoded JSON object, failing with an InvalidFieldException
 * that names the field by its full path ({@code args.minutes}, {@code errors[0].key}). A JSON null
 * counts as an absent field. Fields nobody asks for are ignored: that is how unknown fields are
 * tolerated.
 */
final class FieldReader {
    private final ObjectNode object;
    /** Prefix of every field name in messages: "" at the top, "args." inside args. */
    private final String path;

    FieldReader(ObjectNode object, String path) {
        this.object = object;
        this.path = path;
    }

    private String field(String name) {
        return path + name;
    }

    private JsonNode get(String name) {
        JsonNode node = object.get(name);
        return node == null || node.isNull() ? null : node;
    }

    private JsonNode require(String name) {
        JsonNode node = get(name);
        if (node == null) {
            throw FieldCheck.fail(field(name), "is missing");
        }
        return node;
    }

    boolean has(String name) {
        return get(name) != null;
    }

    /** The schema version: present and exactly {@link Message#SCHEMA}. */
    void schema() {
        JsonNode node = require("schema");
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() != Message.SCHEMA) {
            throw FieldCheck.fail(field("schema"), "must be " + Message.SCHEMA);
        }
    }

    long integer(String name, long min, long max) {
        JsonNode node = require(name);
        if (!node.isIntegralNumber()) {
            throw FieldCheck.fail(field(name), "must be an integer");
        }
        if (!node.canConvertToLong()) {
            throw FieldCheck.fail(field(name), "must be between " + min + " and " + max);
        }
        return FieldCheck.between(node.longValue(), min, max, field(name));
    }

    Long optionalInteger(String name, long min, long max) {
        return has(name) ? integer(name, min, max) : null;
    }

    int smallInteger(String name, int min, int max) {
        return (int) integer(name, min, max);
    }

    Integer optionalSmallInteger(String name, int min, int max) {
        return has(name) ? smallInteger(name, min, max) : null;
    }

    /** An angle in degrees, canonical as {@link FieldCheck#angle} makes it. */
    double angle(String name) {
        JsonNode node = require(name);
        if (!node.isNumber()) {
            throw FieldCheck.fail(field(name), "must be a number");
        }
        // BigDecimal.doubleValue is safe for any exponent; out-of-range values become infinite.
        double deg = node.isBigDecimal() ? node.decimalValue().doubleValue() : node.doubleValue();
        return FieldCheck.angle(deg, field(name));
    }

    Double optionalAngle(String name) {
        return has(name) ? angle(name) : null;
    }

    boolean bool(String name) {
        JsonNode node = require(name);
        if (!node.isBoolean()) {
            throw FieldCheck.fail(field(name), "must be true or false");
        }
        return node.booleanValue();
    }

    String string(String name) {
        JsonNode node = require(name);
        if (!node.isTextual()) {
            throw FieldCheck.fail(field(name), "must be a string");
        }
        return node.textValue();
    }

    String token(String name, Token token) {
        return FieldCheck.token(string(name), token, field(name));
    }

    String optionalToken(String name, Token token) {
        return has(name) ? token(name, token) : null;
    }

    String text(String name, int minLength, int maxLength) {
        return FieldCheck.text(string(name), minLength, maxLength, field(name));
    }

    String optionalText(String name, int minLength, int maxLength) {
        return has(name) ? text(name, minLength, maxLength) : null;
    }

    DeviceId deviceId() {
        String text = string("device_id");
        if (!DeviceId.isValid(text)) {
            throw FieldCheck.fail(field("device_id"), "must match " + DeviceId.PATTERN);
        }
        return new DeviceId(text);
    }

    RecordingId recordingId(String name) {
        String text = string(name);
        if (!RecordingId.isValid(text)) {
            throw FieldCheck.fail(field(name), "must match " + RecordingId.PATTERN);
        }
        return new RecordingId(text);
    }

    RecordingId optionalRecordingId(String name) {
        return has(name) ? recordingId(name) : null;
    }

    /** One of the constants, by its wire form; the message lists the accepted forms. */
    <E extends Enum<E>> E choice(String name, E[] constants, Function<E, String> wire) {
        String text = string(name);
        for (E constant : constants) {
            if (wire.apply(constant).equals(text)) {
                return constant;
            }
        }
        List<String> accepted = new ArrayList<>();
        for (E constant : constants) {
            accepted.add(wire.apply(constant));
        }
        throw FieldCheck.fail(field(name), "must be one of " + String.join(", ", accepted));
    }

    <E extends Enum<E>> E optionalChoice(String name, E[] constants, Function<E, String> wire) {
        return has(name) ? choice(name, constants, wire) : null;
    }

    FieldReader object(String name) {
        JsonNode node = require(name);
        if (!node.isObject()) {
            throw FieldCheck.fail(field(name), "must be an object");
        }
        return new FieldReader((ObjectNode) node, field(name) + ".");
    }

    /** An array of objects, one reader per element ({@code errors[0].}, {@code errors[1].}, ...). */
    List<FieldReader> objects(String name, int maxSize) {
        JsonNode node = require(name);
        if (!node.isArray()) {
            throw FieldCheck.fail(field(name), "must be an array");
        }
        if (node.size() > maxSize) {
            throw FieldCheck.fail(field(name), "has more than " + maxSize + " entries");
        }
        List<FieldReader> readers = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            String elementName = field(name) + "[" + i + "]";
            if (!element.isObject()) {
                throw FieldCheck.fail(elementName, "must be an object");
            }
            readers.add(new FieldReader((ObjectNode) element, elementName + "."));
        }
        return readers;
    }

    /** A map of JSON-native values, canonical as {@link ValueMap#copy} makes it. */
    Map<String, Object> values(String name, boolean lists) {
        JsonNode node = require(name);
        if (!node.isObject()) {
            throw FieldCheck.fail(field(name), "must be an object");
        }
        Map<String, Object> plain = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            plain.put(entry.getKey(), plain(entry.getValue(), lists));
        }
        return ValueMap.copy(plain, field(name), lists);
    }

    /** The Java value of a JSON scalar (or list); anything else stays a node for ValueMap to reject. */
    private static Object plain(JsonNode node, boolean lists) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        if (node.isBigInteger()) {
            return node.bigIntegerValue();
        }
        if (node.isBigDecimal()) {
            return node.decimalValue();
        }
        if (lists && node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(plain(element, false));
            }
            return list;
        }
        return node;
    }
}
