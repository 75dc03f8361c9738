package dev.posture.companion.demo;

import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.cli.VersionProvider;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import dev.posture.protocol.config.ConfigFile;
import dev.posture.protocol.config.ConfigKey;
import dev.posture.protocol.console.ConsoleError;
import dev.posture.protocol.console.ConsoleErrorCode;
import dev.posture.protocol.console.ConsoleRequest;
import dev.posture.protocol.console.ConsoleRequestDecoder;
import dev.posture.protocol.console.DeviceLineFormatter;
import dev.posture.protocol.console.ParsedLine;
import dev.posture.protocol.message.ConfigError;
import dev.posture.protocol.message.ConfigMessage;
import dev.posture.protocol.message.ConfigSetReply;
import dev.posture.protocol.message.ConfigSetRequest;
import dev.posture.protocol.message.EventDetail;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.Topics;
import dev.posture.protocol.trace.Rational;
import dev.posture.protocol.trace.SensorVector;
import dev.posture.protocol.trace.TraceCalibration;
import dev.posture.protocol.trace.TraceDefect;
import dev.posture.protocol.trace.TraceExport;
import dev.posture.protocol.trace.TraceHeader;
import dev.posture.protocol.trace.TraceSink;
import dev.posture.protocol.trace.TraceWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The foundation demo: one device's configuration travels through every wire and file format the
 * protocol defines (config file, serial console, MQTT JSON, binary trace, trace CSV), with the bad
 * input a real link sees along the way. Each step prints what crossed the wire and what came back.
 */
public final class ProtocolDemo {
    private static final double G = 9.80665;

    private final PrintWriter out;
    private final Path dir;
    private final DeviceId deviceId = new DeviceId("demo-1");
    private Config config;

    public ProtocolDemo(PrintWriter out, Path dir) {
        this.out = out;
        this.dir = dir;
        this.config = ConfigChange.set(Config.defaults(), "device_id", deviceId.value()).config();
    }

    /** Runs every step; returns normally when every step behaved as the protocol says. */
    public void run() throws IOException, ProtocolException {
        Files.createDirectories(dir);
        configFile();
        serialConsole();
        mqtt();
        trace();
        out.println();
        out.println("done: files in " + dir);
    }

    private void configFile() throws IOException, ProtocolException {
        heading("1. config file");
        Path file = dir.resolve("device.properties");
        try (OutputStream o = Files.newOutputStream(file)) {
            ConfigFile.write(config, o);
        }
        try (InputStream in = Files.newInputStream(file)) {
            config = ConfigFile.read(in).orThrow();
        }
        out.println("wrote " + file.getFileName() + ": " + ConfigKey.values().length
                + " keys with unit, range and default; read back as version " + config.version());
        ConfigChange.Result bad = ConfigFile.parse("threshold_deg=50\ndwell_s=ten\nthreshold=15\n");
        out.println("a hand-edited file with three mistakes is refused, nothing applied:");
        bad.problems().forEach(p -> out.println("  " + p.message()));
    }

    private void serialConsole() {
        heading("2. clinician on the USB serial console (what picocom would show)");
        String session = "VERSION\r\nGET threshold_deg\r\nSET threshold_deg 18\rSET dwell_s 9000\r\n"
                + "A".repeat(300) + "\r\n" + "GET\u0000dwell_s\n" + "frobnicate\n" + "get THRESHOLD_DEG\n";
        ConsoleRequestDecoder decoder = new ConsoleRequestDecoder();
        DeviceLineFormatter reply = new DeviceLineFormatter();
        StringBuilder typed = new StringBuilder();
        for (byte b : session.getBytes(StandardCharsets.ISO_8859_1)) {
            typed.append(b >= 0x20 && b < 0x7f ? (char) b : b == '\r' || b == '\n' ? ' ' : '?');
            ParsedLine line = decoder.accept(b);
            if (line == null) {
                continue;
            }
            String shown = typed.toString().strip();
            out.println("> " + (shown.length() > 40 ? shown.substring(0, 40) + "... (" + shown.length() + " bytes)" : shown));
            typed.setLength(0);
            int n = line instanceof ConsoleRequest request ? answer(request, reply) : reply.err((ConsoleError) line);
            out.println(new String(reply.bytes(), 0, n, StandardCharsets.US_ASCII).strip());
        }
    }

    private int answer(ConsoleRequest request, DeviceLineFormatter reply) {
        if (request instanceof ConsoleRequest.Version) {
            return reply.startOk().field("firmware", VersionProvider.version()).field("config", config.version()).finish();
        }
        if (request instanceof ConsoleRequest.Get get && get.key().isPresent()) {
            return ConfigKey.byName(get.key().get())
                    .map(k -> reply.startOk().field(k.wireName(), config.text(k)).finish())
                    .orElseGet(() -> reply.err(ConsoleErrorCode.UNKNOWN_KEY, "unknown key '" + get.key().get() + "'"));
        }
        if (request instanceof ConsoleRequest.Set set) {
            ConfigChange.Result result = ConfigChange.set(config, set.key(), set.value());
            if (!result.ok()) {
                return reply.err(ConsoleErrorCode.INVALID_VALUE, result.problems().get(0).message());
            }
            config = result.config();
            return reply.startOk().field(set.key(), config.text(ConfigKey.byName(set.key()).orElseThrow()))
                    .field("version", config.version()).finish();
        }
        return reply.err(ConsoleErrorCode.NOT_NOW, request.command() + " needs the device firmware");
    }

    private void mqtt() throws ProtocolException {
        heading("3. MQTT 5 (JSON payloads, topics under posture/v1/" + deviceId.value() + "/)");
        Topics topics = Topics.of(deviceId);
        Map<String, Object> good = new LinkedHashMap<>();
        good.put("dwell_s", 20);
        good.put("cue_pattern", "triple_pulse");
        configSet(topics, new ConfigSetRequest("req-1", good));
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("threshold_deg", 50);
        bad.put("quiet_hours", "22:00-31:00");
        bad.put("treshold_deg", 12);
        configSet(topics, new ConfigSetRequest("req-2", bad));
        show(topics.config().name(), MessageCodec.encode(new ConfigMessage(deviceId, config.version(), config.toJsonValues())));
        EventMessage cue = new EventMessage(deviceId, 41, 1_764_028_800_000L, 5_400_000,
                new EventDetail.Cue(config.thresholdDeg().doubleValue() + 3.4, config.dwellS() * 1000L, 7, 1));
        show(topics.event().name(), MessageCodec.encode(cue));
        byte[] garbage = "{\"schema\":1,\"device_id\":\"demo-1\",\"seq\":-4}".getBytes(StandardCharsets.UTF_8);
        try {
            MessageCodec.decodeEvent(garbage);
            throw new IllegalStateException("a negative sequence number was accepted");
        } catch (ProtocolException e) {
            out.println("a malformed event is refused: " + e.getMessage());
        }
    }

    private void configSet(Topics topics, ConfigSetRequest request) throws ProtocolException {
        byte[] wire = MessageCodec.encode(request);
        show(topics.configSet().name(), wire);
        ConfigSetRequest received = MessageCodec.decodeConfigSetRequest(wire);
        ConfigChange.Result result = ConfigChange.fromJson(config, received.values());
        ConfigSetReply reply;
        if (result.ok()) {
            config = result.config();
            Map<String, Object> applied = new LinkedHashMap<>();
            result.changes().forEach(c -> applied.put(c.key().wireName(), c.newJson()));
            reply = ConfigSetReply.applied(deviceId, received.requestId(), config.version(), applied);
        } else {
            List<ConfigError> errors = new ArrayList<>();
            result.problems().forEach(p -> errors.add(new ConfigError(p.key(), p.message())));
            reply = ConfigSetReply.refused(deviceId, received.requestId(), errors);
        }
        show(topics.configResult().name(), MessageCodec.encode(reply));
    }

    private void trace() throws IOException, ProtocolException {
        heading("4. raw trace: record, lose power mid-chunk, read back, export");
        Path file = dir.resolve("recording.ptrace");
        int rateHz = 100;
        TraceHeader header = new TraceHeader(deviceId.value(), "MPU-6050", "20251125-000000",
                Rational.of(2048), 16, Rational.of(164, 10), 2000, Rational.of(rateHz),
                1_764_028_800_000L, 0, TraceCalibration.neutral(new SensorVector(0, 0, 1)));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             TraceWriter writer = new TraceWriter(TraceSink.of(channel), header, 256)) {
            // 20 s standing tall, then a slow forward drift to 25 degrees, pitching about the sensor's y axis.
            for (int i = 0; i < 30 * rateHz; i++) {
                double t = (double) i / rateHz;
                double pitch = Math.toRadians(t < 20 ? 0 : 25 * Math.min(1, (t - 20) / 5));
                double rate = t >= 20 && t < 25 ? Math.toRadians(5) : 0;
                writer.append(i * 10_000L, counts(G * Math.sin(pitch), 2048 / G), (short) 0,
                        counts(G * Math.cos(pitch), 2048 / G), (short) 0, counts(Math.toDegrees(rate), 16.4), (short) 0);
            }
        }
        long full = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(full - 700);
        }
        out.println("recorded 3000 samples (" + full + " bytes, chunks of 256); power cut: last 700 bytes lost");
        Path csv = dir.resolve("recording.csv");
        List<TraceDefect> defects = new ArrayList<>();
        TraceExport.Summary summary;
        try (InputStream in = Files.newInputStream(file); OutputStream o = Files.newOutputStream(csv)) {
            summary = TraceExport.binaryToCsv(in, o, defects::add);
        }
        defects.forEach(d -> out.println("reader reports: " + d.message()));
        out.println("kept " + summary.samples() + " samples from the intact chunks; exported " + csv.getFileName());
    }

    private static short counts(double value, double lsbPerUnit) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value * lsbPerUnit)));
    }

    private void show(String topic, byte[] payload) {
        out.println(topic + "  " + new String(payload, StandardCharsets.UTF_8));
    }

    private void heading(String title) {
        out.println();
        out.println("== " + title);
    }

    /** The config the demo ended with (tests check what the steps applied). */
    public Config config() {
        return config;
    }
}
