package dev.posture.device.cli;

import dev.posture.device.runtime.DeviceClock;
import dev.posture.device.runtime.Firmware;
import dev.posture.device.runtime.FirmwareSettings;
import dev.posture.device.runtime.PiHardware;
import dev.posture.hardware.HardwareException;
import dev.posture.hardware.pi4j.HardwareSettings;
import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.cli.CommandLines.UserError;
import dev.posture.protocol.cli.VersionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run --config FILE}: the firmware on the Pi's real chips until SIGTERM (systemd stop) or
 * Ctrl-C, which close everything in order: the loop stops, the motor turns off, the recording in
 * progress is finished, MQTT says offline.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run the firmware on the hardware (IMU on I2C, motor, button), with MQTT and the USB serial console.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "the config file; written back atomically on every change, with FILE.good and "
                    + "audit.jsonl beside it (created with the defaults if missing)")
    Path config;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "event numbers, MQTT outbox and traces (default: the config file's directory)")
    Path stateDir;

    @Option(names = "--serial", paramLabel = "PORT", defaultValue = "/dev/ttyGS0",
            description = "serial console port (default /dev/ttyGS0, the USB gadget port; 'none' for no console)")
    String serial;

    /** Where the deployment steps put the MQTT password and CA file. */
    static final Path DEFAULT_CREDENTIALS = Path.of("/etc/posture/credentials");

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "MQTT password and CA file (default /etc/posture/credentials when it exists)")
    Path credentials;

    @Option(names = "--no-mqtt", description = "do not connect to the broker (cues never need it)")
    boolean noMqtt;

    @Option(names = "--imu", paramLabel = "MODEL", defaultValue = "mpu6050",
            description = "IMU driver: mpu6050 (default) or icm42688")
    String imu;

    @Option(names = "--haptic", paramLabel = "KIND", defaultValue = "erm",
            description = "motor: erm (coin motor on PWM, GPIO 18; default) or drv2605l (I2C 0x5A)")
    String haptic;

    @Override
    public Integer call() throws IOException, UserError, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        HardwareSettings hw = hardwareSettings();
        Path file = config.toAbsolutePath();
        Path dir = stateDir != null ? stateDir : file.getParent();
        Files.createDirectories(dir);
        PiHardware hardware;
        try {
            hardware = PiHardware.open(hw);
        } catch (HardwareException e) {
            throw new UserError("hardware: " + e.getMessage());
        }
        Firmware firmware;
        try {
            firmware = Firmware.open(FirmwareSettings.in(dir, VersionProvider.version()).withConfigFile(file),
                    hardware, DeviceClock.system());
        } catch (IOException | RuntimeException e) {
            hardware.close();
            throw e;
        }
        Optional<Path> creds = credentials != null ? Optional.of(credentials)
                : Files.exists(DEFAULT_CREDENTIALS) ? Optional.of(DEFAULT_CREDENTIALS) : Optional.empty();
        List<AutoCloseable> io;
        try {
            io = new ArrayList<>(FirmwareIo.start(firmware, dir, noMqtt ? null : firmware.config().brokerUrl(), creds,
                    "none".equals(serial) ? null : serial));
        } catch (UserError e) {
            firmware.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await();      // let the main thread close everything before the JVM exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "run-stop"));
        firmware.start();
        out.printf(Locale.ROOT, "run: device %s, %d Hz, config %s, state in %s%n", firmware.deviceId(),
                firmware.config().sampleRateHz(), file, dir);
        out.flush();
        try {
            stopped.await();
        } finally {
            firmware.close();                    // first: its last events still reach MQTT and the console
            for (AutoCloseable c : io) {
                try {
                    c.close();
                } catch (Exception e) {
                    // each part logs its own trouble
                }
            }
            closed.countDown();
        }
        return CommandLines.OK;
    }

    private HardwareSettings hardwareSettings() throws UserError {
        HardwareSettings d = HardwareSettings.DEFAULTS;
        HardwareSettings.HapticKind kind = switch (haptic.toLowerCase(Locale.ROOT)) {
            case "erm" -> HardwareSettings.HapticKind.ERM_PWM;
            case "drv2605l" -> HardwareSettings.HapticKind.DRV2605L;
            default -> throw new UserError("--haptic '" + haptic + "': expected erm or drv2605l");
        };
        HardwareSettings s = new HardwareSettings(d.i2cBus(), imu.toLowerCase(Locale.ROOT), d.imuAddress(), kind,
                d.ermPwm(), d.drv(), d.button());
        List<String> problems = s.problems();
        if (!problems.isEmpty()) {
            throw new UserError(String.join("; ", problems));
        }
        return s;
    }
}
