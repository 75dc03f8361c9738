package dev.posture.protocol.message;

import dev.posture.protocol.mqtt.DeviceId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Field order and reading of {@link ConfigMessage}, {@link ConfigSetRequest} and {@link ConfigSetReply}. */
final class ConfigJson {
    private ConfigJson() {
    }

    static void write(ConfigMessage m, FieldWriter out) throws IOException {
        out.string("device_id", m.deviceId().value());
        out.integer("version", m.version());
        out.values("values", m.values());
    }

    static ConfigMessage readConfig(FieldReader in) {
        return new ConfigMessage(in.deviceId(), in.integer("version", 0, FieldCheck.MAX_INTEGER),
                in.values("values", false));
    }

    static void write(ConfigSetRequest m, FieldWriter out) throws IOException {
        out.optionalString("request_id", m.requestId());
        out.values("values", m.values());
    }

    static ConfigSetRequest readSetRequest(FieldReader in) {
        return new ConfigSetRequest(in.optionalToken("request_id", Token.REQUEST_ID), in.values("values", false));
    }

    static void write(ConfigSetReply m, FieldWriter out) throws IOException {
        out.string("device_id", m.deviceId().value());
        out.optionalString("request_id", m.requestId());
        out.bool("ok", m.ok());
        if (m.ok()) {
            out.integer("version", m.version());
            out.values("applied", m.applied());
            return;
        }
        out.startArray("errors");
        for (ConfigError error : m.errors()) {
            out.startObject();
            out.optionalString("key", error.key());
            out.string("message", error.message());
            out.endObject();
        }
        out.endArray();
    }

    static ConfigSetReply readSetReply(FieldReader in) {
        DeviceId deviceId = in.deviceId();
        String requestId = in.optionalToken("request_id", Token.REQUEST_ID);
        if (in.bool("ok")) {
            return ConfigSetReply.applied(deviceId, requestId, in.integer("version", 0, FieldCheck.MAX_INTEGER),
                    in.values("applied", false));
        }
        List<ConfigError> errors = new ArrayList<>();
        for (FieldReader error : in.objects("errors", ConfigSetReply.MAX_ERRORS)) {
            errors.add(new ConfigError(error.optionalToken("key", Token.KEY),
                    error.text("message", 1, ConfigError.MAX_MESSAGE)));
        }
        return new ConfigSetReply(deviceId, requestId, false, null, Map.of(), errors);
    }
}
