package dev.posture.device.cli;

import dev.posture.device.control.CalibrationOutcome;
import dev.posture.device.runtime.Firmware;
import dev.posture.device.runtime.FirmwareSettings;
import dev.posture.device.sim.CalibrationSchedule;
import dev.posture.device.loop.JitterHistogram;
import dev.posture.device.runtime.DeviceClock;
import dev.posture.device.runtime.SystemClock;
import dev.posture.device.sim.PrintingHaptic;
import dev.posture.device.sim.ScaledClock;
import dev.posture.device.sim.SimHardware;
import dev.posture.device.sim.TraceMotion;
import dev.posture.hardware.imu.emulation.SensorSpec;
import dev.posture.hardware.imu.mpu6050.Mpu6050Emulator;
import dev.posture.hardware.motion.MotionSource;
import dev.posture.hardware.sim.Scenario;
import dev.posture.hardware.sim.Scenarios;
import dev.posture.hardware.sim.TimeWindow;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.cli.CommandLines.UserError;
import dev.posture.protocol.cli.VersionProvider;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import dev.posture.protocol.message.CalibrationStep;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.message.MessageCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sim}: the whole firmware (loop, pipeline, store, recorder, events, and MQTT and the serial
 * console when asked) on the real MPU-6050 driver over its register-level emulator, fed by the
 * wearer simulator or a recorded trace, on a clock running {@code --speed} times real time.
 */
@Command(name = "sim", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run the whole firmware on emulated chips, fed by a simulated wearer (--scenario) or a "
                + "recorded trace (--trace); events and motor pulses are printed.")
final class SimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Mixin
    CalibrationWindows calibrationWindows = new CalibrationWindows();

    static final class Source {
        @Option(names = "--scenario", paramLabel = "NAME",
                description = "simulated wearer (default desk-day); `posture-device sim --list` names them")
        String scenario;

        @Option(names = "--trace", paramLabel = "FILE", description = "trace CSV (.csv or .csv.gz) to play back")
        Path trace;
    }

    @ArgGroup(exclusive = true)
    Source source = new Source();

    @Option(names = "--list", description = "print the scenario names and exit")
    boolean list;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "simulated seconds per real second, 0.1..1000 (default 1)")
    double speed;

    @Option(names = "--real-time", description = "run in real time with the device's own parking loop (no --speed), "
            + "to measure the loop's timing on this machine")
    boolean realTime;

    @Option(names = "--duration", paramLabel = "S",
            description = "simulated seconds to run (default: the scenario's or trace's length; 0: until stopped)")
    Double durationS;

    @Option(names = "--broker", paramLabel = "URL", description = "publish over MQTT to this broker (default: no MQTT)")
    String broker;

    @Option(names = "--device-id", paramLabel = "ID", description = "the device id (config device_id)")
    String deviceId;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "MQTT password and CA file (Java properties: password, ca_file)")
    Path credentials;

    @Option(names = "--serial", paramLabel = "PORT", description = "serve the console on this serial port")
    String serial;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "keep config, event numbers and traces here (default: a new temporary directory)")
    Path stateDir;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "simulator and sensor noise seed")
    long seed;

    @Override
    public Integer call() throws IOException, UserError, ProtocolException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            Scenarios.names().forEach(out::println);
            return CommandLines.OK;
        }
        if (!(speed >= 0.1 && speed <= 1000)) {
            throw new UserError("--speed " + speed + ": must be 0.1..1000");
        }
        Map<String, String> values = startingValues();
        Played played = motion();
        List<CalibrationSchedule.Entry> calibrations = calibrations(played);
        double runS = durationS != null ? durationS : played.lengthS;
        if (runS < 0) {
            throw new UserError("--duration " + runS + ": must be >= 0");
        }
        boolean temporary = stateDir == null;
        Path dir = temporary ? Files.createTempDirectory("posture-sim-") : stateDir;
        if (realTime && speed != 1) {
            throw new UserError("--real-time runs at speed 1; drop --speed");
        }
        ScaledClock scaled = realTime ? null : new ScaledClock(speed, System.currentTimeMillis(), ZoneId.systemDefault());
        SystemClock real = realTime ? new SystemClock(ZoneId.systemDefault()) : null;
        DeviceClock clock = realTime ? real : scaled;
        PrintingHaptic haptic = new PrintingHaptic(line -> println(out, line), clock::nanos);
        SimHardware hardware = new SimHardware(played.motion, played.spec, seed, haptic, clock::nanos);
        AtomicLong cues = new AtomicLong();
        Firmware firmware;
        try {
            firmware = Firmware.open(FirmwareSettings.in(dir, VersionProvider.version()).withOverrides(values),
                    hardware, clock);
        } catch (IllegalArgumentException e) {
            hardware.close();
            throw new UserError(e.getMessage());
        }
        List<AutoCloseable> io = new ArrayList<>();
        long startReal = System.nanoTime();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "sim-stop");
        try {
            firmware.addEventListener(e -> {
                if (e.type() == EventType.CUE) {
                    cues.incrementAndGet();
                }
                println(out, eventLine(e));
            });
            io.addAll(FirmwareIo.start(firmware, dir, broker, Optional.ofNullable(credentials), serial));
            if (realTime) {
                real.start();
            } else {
                scaled.start();
            }
            firmware.start();
            println(out, String.format(Locale.ROOT, "sim: %s, device %s, %d Hz, speed %s, state in %s", played.name,
                    firmware.deviceId(), firmware.config().sampleRateHz(), trim(speed), dir));
            try (CalibrationSchedule schedule = new CalibrationSchedule(firmware, calibrations,
                    o -> println(out, outcomeLine(o)))) {
                Runtime.getRuntime().addShutdownHook(hook);
                waitUntil(firmware, runS, stop);
            }
        } finally {
            double simulated = firmware.clock().nanos() / 1e9;
            long samples = firmware.agent().samples();
            long missed = firmware.agent().missedSamples();
            String loop = loopLine(firmware);
            firmware.close();                    // first: its last events still reach MQTT and the console
            for (AutoCloseable c : io) {
                closeQuietly(c);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: we were interrupted
            }
            println(out, String.format(Locale.ROOT,
                    "sim: %.1f s simulated in %.1f s, %d samples, %d missed, %d events, %d cues", simulated,
                    (System.nanoTime() - startReal) / 1e9, samples, missed, firmware.eventsPublished(), cues.get()));
            println(out, loop);
            if (temporary) {
                deleteTree(dir);
            }
        }
        return CommandLines.OK;
    }

    /** The config file's values with --set, --device-id and --broker on top, all checked now. */
    private Map<String, String> startingValues() throws IOException, UserError {
        Config config = configOptions.read();
        Map<String, String> values = new LinkedHashMap<>(config.toTextValues());
        if (deviceId != null) {
            values.put("device_id", deviceId);
        }
        if (broker != null) {
            values.put("broker_url", broker);
        }
        ConfigChange.Result check = ConfigChange.fromText(Config.defaults(), values);
        if (!check.ok()) {
            throw new UserError(ConfigOptions.messages(check.problems()));
        }
        return values;
    }

    private record Played(String name, MotionSource motion, SensorSpec spec, double lengthS, Scenario scenario) {
    }

    private Played motion() throws IOException, UserError, ProtocolException {
        if (source.trace != null) {
            try {
                TraceMotion m = TraceMotion.load(source.trace);
                return new Played(source.trace.getFileName().toString(), m, SensorSpec.IDEAL, m.durationS(), null);
            } catch (NoSuchFileException e) {
                throw new UserError(source.trace + ": no such file");
            } catch (ProtocolException e) {
                throw new ProtocolException(source.trace + ": " + e.getMessage(), e);
            }
        }
        String name = source.scenario == null ? "desk-day" : source.scenario;
        if (!Scenarios.names().contains(name)) {
            throw new UserError("--scenario '" + name + "': no such scenario (have: "
                    + String.join(", ", Scenarios.names()) + ")");
        }
        Scenario s = Scenarios.named(name, seed);
        return new Played(name, s.newSimulator(), Mpu6050Emulator.DATASHEET, s.durationS(), s);
    }

    /** The windows given, else the scenario's own; a trace without windows is never calibrated. */
    private List<CalibrationSchedule.Entry> calibrations(Played played) throws UserError {
        List<CalibrationSchedule.Entry> entries = new ArrayList<>();
        if (calibrationWindows.given()) {
            for (CalibrationWindows.Window w : calibrationWindows.windows()) {
                entries.add(new CalibrationSchedule.Entry(w.neutral() ? CalibrationStep.NEUTRAL : CalibrationStep.LEAN,
                        new TimeWindow(w.startUs() / 1e6, w.endUs() / 1e6)));
            }
        } else if (played.scenario != null) {
            for (Scenario.Calibration c : played.scenario.calibrations()) {
                entries.add(new CalibrationSchedule.Entry(CalibrationStep.NEUTRAL, c.neutral()));
                entries.add(new CalibrationSchedule.Entry(CalibrationStep.LEAN, c.lean()));
            }
        }
        entries.sort(Comparator.comparingDouble(e -> e.window().startS()));
        return entries;
    }

    private static void waitUntil(Firmware firmware, double runS, CountDownLatch stop) throws InterruptedException {
        long endNanos = Math.round(runS * 1e9);
        long realPoll = Math.max(1, Math.round(TimeUnit.MILLISECONDS.toNanos(50) * firmware.clock().realPerClock()));
        while (runS == 0 || firmware.clock().nanos() < endNanos) {
            if (stop.await(Math.min(realPoll, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS)) {
                return;
            }
        }
    }

    /** Lines come from several threads; each is flushed at once so a pipe sees it as it happens. */
    static void println(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    static String eventLine(EventMessage e) {
        return String.format(Locale.ROOT, "* EVENT t=%.3f %s %s", e.uptimeMs() / 1000.0, e.type(),
                new String(MessageCodec.encode(e), StandardCharsets.UTF_8));
    }

    /** The loop's timing and the process's memory, for the summary (and the 10-minute benchmark). */
    private static String loopLine(Firmware firmware) {
        JitterHistogram j = firmware.agent().jitter();
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT,
                "loop: period deviation p50 %d us, p99 %d us, p99.9 %d us, max %d us; %d overruns; heap %d of %d MB; %s",
                j.percentile(50) / 1000, j.percentile(99) / 1000, j.percentile(99.9) / 1000, j.max() / 1000,
                firmware.agent().overruns(), (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20,
                ProcessMemory.describe());
    }

    private static String outcomeLine(CalibrationOutcome o) {
        return "* CALIBRATION " + o.pose() + (o.accepted() ? " ok: " : " refused: ") + o.message();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // shutting down: the part logged its own trouble
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
