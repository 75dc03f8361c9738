package dev.posture.device.runtime;

import dev.posture.device.sim.CalibrationSchedule;
import dev.posture.device.sim.PrintingHaptic;
import dev.posture.device.sim.ScaledClock;
import dev.posture.device.sim.SimHardware;
import dev.posture.hardware.button.Button;
import dev.posture.hardware.imu.mpu6050.Mpu6050Emulator;
import dev.posture.hardware.sim.Scenario;
import dev.posture.protocol.message.CalibrationStep;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.EventType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A whole firmware on emulated chips, sped up: what {@code sim} runs, for tests. Collects every
 * event; {@link #await} waits (in real time, generously) for an event to arrive.
 */
public final class SimFirmware implements AutoCloseable {
    public final Firmware firmware;
    public final SimHardware hardware;
    public final StringBuffer motorLines = new StringBuffer();
    final List<EventMessage> events = new ArrayList<>();
    private final CalibrationSchedule schedule;

    public SimFirmware(Scenario scenario, Path stateDir, double speed, Map<String, String> overrides) throws IOException {
        this(scenario, stateDir, speed, overrides, f -> { });
    }

    /** {@code attach} runs after the firmware is built and before it starts (a console, an MQTT link). */
    public SimFirmware(Scenario scenario, Path stateDir, double speed, Map<String, String> overrides,
            Consumer<Firmware> attach) throws IOException {
        this(scenario, stateDir, speed, overrides, attach, null);
    }

    /** With a button (null: none), as the Pi has. */
    SimFirmware(Scenario scenario, Path stateDir, double speed, Map<String, String> overrides,
            Consumer<Firmware> attach, Button button) throws IOException {
        ScaledClock clock = new ScaledClock(speed, 1_767_000_000_000L, ZoneOffset.UTC);
        hardware = new SimHardware(scenario.newSimulator(), Mpu6050Emulator.DATASHEET, 7,
                new PrintingHaptic(line -> motorLines.append(line).append('\n'), clock::nanos), clock::nanos);
        DeviceHardware chips = button == null ? hardware : withButton(hardware, button);
        firmware = Firmware.open(FirmwareSettings.in(stateDir, "0.1.0-test").withOverrides(overrides), chips,
                clock);
        firmware.addEventListener(e -> {
            synchronized (events) {
                events.add(e);
                events.notifyAll();
            }
        });
        attach.accept(firmware);
        clock.start();
        firmware.start();
        schedule = new CalibrationSchedule(firmware, List.of(
                new CalibrationSchedule.Entry(CalibrationStep.NEUTRAL, scenario.neutralWindow()),
                new CalibrationSchedule.Entry(CalibrationStep.LEAN, scenario.leanWindow())), o -> { });
    }

    private static DeviceHardware withButton(SimHardware chips, Button button) {
        return new DeviceHardware() {
            @Override
            public dev.posture.device.loop.ImuOpener imuOpener() {
                return chips.imuOpener();
            }

            @Override
            public dev.posture.hardware.haptic.Haptic haptic() {
                return chips.haptic();
            }

            @Override
            public java.util.Optional<Button> button() {
                return java.util.Optional.of(button);
            }

            @Override
            public String sensorModel() {
                return chips.sensorModel();
            }

            @Override
            public void close() {
                chips.close();
            }
        };
    }

    /** Waits up to 60 s real time for an event matching {@code which}; returns it. */
    public EventMessage await(Predicate<EventMessage> which) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        synchronized (events) {
            for (;;) {
                for (EventMessage e : events) {
                    if (which.test(e)) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no such event within 60 s; got " + events);
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    public EventMessage await(EventType type) throws InterruptedException {
        return await(e -> e.type() == type);
    }

    public List<EventMessage> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public double simSeconds() {
        return firmware.clock().nanos() / 1e9;
    }

    @Override
    public void close() {
        schedule.close();
        firmware.close();
    }
}
