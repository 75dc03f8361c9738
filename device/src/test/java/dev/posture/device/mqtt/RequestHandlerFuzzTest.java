package dev.posture.device.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigKey;
import dev.posture.protocol.message.CommandReply;
import dev.posture.protocol.message.ConfigSetReply;
import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.mqtt.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Requests made of arbitrary bytes, or of JSON built from real and made-up keys, commands and
 * values: the handler never throws, every reply it sends decodes, a refused config/set changes
 * nothing and an applied one is what the reply says.
 */
class RequestHandlerFuzzTest {
    private static final String[] COMMANDS = {"calibrate_neutral", "calibrate_lean", "cue_test", "snooze",
        "trace_start", "trace_stop", "trace_list", "trace_get", "status", "reboot", ""};
    private static final String[] ARGS = {"pattern", "minutes", "recording_id", "x"};

    private record Sent(String topic, MqttMessage message) {
    }

    @FuzzTest
    void repliesAlwaysDecodeAndRefusalsChangeNothing(FuzzedDataProvider data) throws ProtocolException {
        FakeDeviceControl device = new FakeDeviceControl("desk-07");
        Topics topics = Topics.of(device.deviceId());
        List<Sent> sent = new ArrayList<>();
        IMqttToken done = mock(IMqttToken.class);
        RequestHandler handler = new RequestHandler(device, topics, (topic, message) -> {
            sent.add(new Sent(topic, message));
            return done;
        }, Duration.ofMillis(50), () -> { });
        boolean configSet = data.consumeBoolean();
        boolean withResponseTopic = data.consumeBoolean();
        int mode = data.consumeInt(0, 2);
        String json = mode == 0 ? null : configSet ? configSetJson(data) : commandJson(data);
        byte[] payload = json == null ? data.consumeRemainingAsBytes() : json.getBytes(StandardCharsets.UTF_8);
        Config before = device.config();
        String topic = configSet ? topics.configSet().name() : topics.cmd().name();

        handler.process(new RequestHandler.Request(topic, payload, withResponseTopic ? "companion/f/replies" : null,
                new byte[] {7}, "fuzz"));

        assertTrue(sent.size() <= 1 || !configSet, "one reply per config/set at most");
        for (Sent s : sent) {
            if (s.topic().startsWith(topics.trace(FakeDeviceControl.RECORDING).name())) {
                continue;
            }
            byte[] reply = s.message().getPayload();
            if (configSet) {
                ConfigSetReply r = MessageCodec.decodeConfigSetReply(reply);
                if (r.ok()) {
                    Map<String, Object> now = device.config().toJsonValues();
                    r.applied().forEach((key, value) ->
                            assertEquals(String.valueOf(now.get(key)), String.valueOf(value)));
                    assertEquals(device.config().version(), r.version());
                } else {
                    assertSame(before, device.config(), "refused: nothing applied");
                }
            } else {
                MessageCodec.decodeCommandReply(reply);
            }
        }
        if (sent.isEmpty()) {
            assertSame(before, device.config());
        }
    }

    private static String configSetJson(FuzzedDataProvider data) {
        StringBuilder json = new StringBuilder("{\"schema\":1,\"values\":{");
        int entries = data.consumeInt(0, 4);
        for (int i = 0; i < entries; i++) {
            if (i > 0) {
                json.append(',');
            }
            String key = data.consumeBoolean() ? data.pickValue(ConfigKey.values()).wireName() : data.consumeString(12);
            json.append(quote(key)).append(':').append(value(data));
        }
        return json.append("}}").toString();
    }

    private static String commandJson(FuzzedDataProvider data) {
        StringBuilder json = new StringBuilder("{\"schema\":1,\"command\":")
                .append(quote(data.consumeBoolean() ? data.pickValue(COMMANDS) : data.consumeString(12)));
        if (data.consumeBoolean()) {
            json.append(",\"args\":{").append(quote(data.pickValue(ARGS))).append(':').append(value(data)).append('}');
        }
        return json.append('}').toString();
    }

    private static String value(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 4)) {
            case 0:
                return Integer.toString(data.consumeInt(-5, 2000));
            case 1:
                return data.consumeInt(0, 100) + "." + data.consumeInt(0, 99);
            case 2:
                return Boolean.toString(data.consumeBoolean());
            case 3:
                return quote(data.pickValue(new String[] {"double_pulse", "off", "22:00-07:00", "desk-9",
                    "tcp://h:1", FakeDeviceControl.RECORDING.value()}));
            default:
                return quote(data.consumeString(20));
        }
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
