package dev.posture.device.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.control.CalibrationOutcome;
import dev.posture.device.control.ControlException;
import dev.posture.device.control.DeviceSnapshot;
import dev.posture.device.recorder.RecordingInfo;
import dev.posture.device.store.ChangeOrigin;
import dev.posture.hardware.i2c.BusErrno;
import dev.posture.hardware.sim.Scenarios;
import dev.posture.protocol.config.ConfigChange;
import dev.posture.protocol.message.CalibrationStep;
import dev.posture.protocol.message.ChangeSource;
import dev.posture.protocol.message.EventDetail;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.mqtt.RecordingId;
import dev.posture.protocol.trace.TraceReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole firmware on emulated chips, sped up: the loop, the pipeline, the store, the recorder and events together. */
class FirmwareTest {
    @TempDir
    Path dir;

    @Test
    void driftScenarioCuesAndEventsAreNumberedFromBootAcrossRestarts() throws Exception {
        long lastSeq;
        try (SimFirmware sim = new SimFirmware(Scenarios.named("drift"), dir, 40, Map.of())) {
            EventMessage booted = sim.await(EventType.BOOTED);
            assertEquals(0, booted.seq());
            assertEquals(new EventDetail.Booted("0.1.0-test"), booted.detail());
            sim.await(e -> e.detail() instanceof EventDetail.Calibrated c && c.step() == CalibrationStep.LEAN);
            EventMessage cue = sim.await(EventType.CUE);
            assertTrue(((EventDetail.Cue) cue.detail()).forwardDeg() >= 15, cue.toString());
            assertTrue(sim.motorLines.toString().contains("* MOTOR t="), "the cue reached the motor");
            List<EventMessage> events = sim.events();
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i, events.get(i).seq(), "numbered one by one from 0: " + events);
            }
            lastSeq = events.get(events.size() - 1).seq();
        }
        try (SimFirmware again = new SimFirmware(Scenarios.named("standing"), dir, 40, Map.of())) {
            EventMessage booted = again.await(EventType.BOOTED);
            assertTrue(booted.seq() > lastSeq, "numbers continue after a restart: " + booted.seq() + " after " + lastSeq);
        }
    }

    @Test
    void configChangesAreAllOrNothingStoredAndAnnounced() throws Exception {
        try (SimFirmware sim = new SimFirmware(Scenarios.named("standing"), dir, 20, Map.of("threshold_deg", "18"))) {
            Firmware fw = sim.firmware;
            assertEquals("18", fw.config().text(dev.posture.protocol.config.ConfigKey.THRESHOLD_DEG));
            long version = fw.config().version();

            ConfigChange.Result bad = fw.changeConfig(Map.of("threshold_deg", "99", "dwell_s", "20"),
                    ChangeOrigin.serial());
            assertFalse(bad.ok());
            assertEquals(version, fw.config().version(), "nothing applied");

            ConfigChange.Result good = fw.changeConfig(Map.of("dwell_s", "20"), ChangeOrigin.mqtt("c7"));
            assertTrue(good.ok(), good.problems().toString());
            assertEquals(version + 1, fw.config().version());
            EventMessage changed = sim.await(EventType.CONFIG_CHANGED);
            assertEquals(new EventDetail.ConfigChanged(version + 1, ChangeSource.MQTT), changed.detail());
            assertTrue(Files.readString(dir.resolve("device.properties")).contains("dwell_s=20"));
            assertTrue(Files.readString(dir.resolve("audit.jsonl")).contains("mqtt:c7"));
        }
    }

    @Test
    void rateChangeRestartsTheLoopAndSamplingGoesOn() throws Exception {
        try (SimFirmware sim = new SimFirmware(Scenarios.named("standing"), dir, 10, Map.of())) {
            Firmware fw = sim.firmware;
            sim.await(EventType.BOOTED);
            var before = fw.agent();
            assertTrue(fw.changeConfig(Map.of("sample_rate_hz", "50"), ChangeOrigin.serial()).ok());
            assertTrue(before != fw.agent(), "a new agent for the new rate");
            assertEquals(50, fw.agent().settings().sampleRateHz());
            sim.await(EventType.CONFIG_CHANGED);
            awaitSamples(fw, 100);
            assertEquals(1, sim.events().stream().filter(e -> e.type() == EventType.BOOTED).count(),
                    "a loop restart is not a boot");
        }
    }

    @Test
    void calibrateAnswersWithTheOutcome() throws Exception {
        try (SimFirmware sim = new SimFirmware(Scenarios.named("standing"), dir, 10, Map.of())) {
            Firmware fw = sim.firmware;
            sim.await(e -> e.detail() instanceof EventDetail.Calibrated c && c.step() == CalibrationStep.LEAN);
            // Right after the lean the wearer straightens up: a calibration then sees the motion.
            CalibrationOutcome moving = fw.calibrate(CalibrationStep.NEUTRAL).get(60, TimeUnit.SECONDS);
            assertFalse(moving.accepted(), moving.toString());
            assertEquals(ControlException.Reason.NOT_NOW, moving.reason());
            double standingFrom = Scenarios.named("standing").leanWindow().endS() + 5;
            awaitTrue(() -> sim.simSeconds() > standingFrom);
            CalibrationOutcome outcome = fw.calibrate(CalibrationStep.NEUTRAL).get(60, TimeUnit.SECONDS);
            assertTrue(outcome.accepted(), outcome.toString());
            DeviceSnapshot s = fw.snapshot();
            assertTrue(s.neutral());
            assertTrue(s.forwardCentiDeg().isPresent());
        }
    }

    @Test
    void cueTestSnoozeAndUnknownPattern() throws Exception {
        try (SimFirmware sim = new SimFirmware(Scenarios.named("standing"), dir, 5, Map.of())) {
            Firmware fw = sim.firmware;
            sim.await(EventType.BOOTED);
            long started = fw.player().patternsStarted();
            assertEquals("double_pulse", fw.cueTest(Optional.empty()));
            ControlException e = assertThrows(ControlException.class, () -> fw.cueTest(Optional.of("triple")));
            assertEquals(ControlException.Reason.INVALID_VALUE, e.reason());
            assertEquals("no cue pattern 'triple'", e.getMessage());
            awaitTrue(() -> fw.player().patternsStarted() > started);

            assertEquals(600, fw.snooze(10));
            EventMessage snoozed = sim.await(EventType.SNOOZED);
            assertEquals(new EventDetail.Snoozed(10), snoozed.detail());
            assertTrue(fw.snapshot().snoozeLeftS() > 0);
            assertEquals(0, fw.snooze(0));
            assertEquals(0, fw.snapshot().snoozeLeftS());
        }
    }

    @Test
    void tracesRecordRawCountsAndUnknownIdsAreNotFound() throws Exception {
        try (SimFirmware sim = new SimFirmware(Scenarios.named("standing"), dir, 5, Map.of())) {
            Firmware fw = sim.firmware;
            sim.await(EventType.BOOTED);
            ControlException idle = assertThrows(ControlException.class, () -> fw.traces().stop());
            assertEquals(ControlException.Reason.NOT_NOW, idle.reason());
            RecordingId id = fw.traces().start();
            assertEquals(Optional.of(id), fw.snapshot().recording());
            long from = fw.agent().samples();
            awaitTrue(() -> fw.agent().samples() > from + 300);
            RecordingInfo info = fw.traces().stop();
            assertEquals(id, info.id());
            assertTrue(info.samples() >= 250, info.toString());
            assertEquals(RecordingInfo.Status.COMPLETE, info.status());
            try (InputStream in = fw.traces().open(id)) {
                TraceReader reader = TraceReader.open(in);
                assertEquals(fw.deviceId().value(), reader.header().deviceId());
            }
            ControlException missing = assertThrows(ControlException.class,
                    () -> fw.traces().chunks(new RecordingId("20990101-000000")));
            assertEquals(ControlException.Reason.NOT_FOUND, missing.reason());
        }
    }

    @Test
    void aSensorFaultMidRunIsReportedAndRecovers() throws Exception {
        try (SimFirmware sim = new SimFirmware(Scenarios.named("standing"), dir, 5, Map.of())) {
            sim.await(EventType.BOOTED);
            awaitSamples(sim.firmware, 200);
            sim.hardware.chip().injectFault(0, 40, BusErrno.EREMOTEIO);
            EventMessage fault = sim.await(EventType.SENSOR_FAULT);
            assertEquals(new EventDetail.SensorFault("bus_error"), fault.detail());
            sim.await(EventType.SENSOR_RECOVERED);
            assertEquals(dev.posture.protocol.message.SensorHealth.OK, sim.firmware.snapshot().sensor());
        }
    }

    @Test
    void theLoopThreadAllocatesNothingWhileRecordingAndStreaming() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (SimFirmware sim = new SimFirmware(Scenarios.named("standing"), dir, 10, Map.of())) {
            Firmware fw = sim.firmware;
            sim.await(e -> e.detail() instanceof EventDetail.Calibrated c && c.step() == CalibrationStep.LEAN);
            fw.traces().start();                       // the loop also feeds the recorder's ring
            awaitSamples(fw, 500);                     // warm: JIT, first telemetry windows
            long id = fw.loopThread().getId();
            // Best of a few rounds, as LoopTimingTest: a round in which the JIT swaps compiled code
            // may see the interpreter allocate what compiled code keeps in registers.
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 8 && best != 0; round++) {
                long before = threads.getThreadAllocatedBytes(id);
                awaitSamples(fw, 1000);
                best = Math.min(best, threads.getThreadAllocatedBytes(id) - before);
            }
            assertEquals(0, best, "bytes allocated by the loop thread (loop, pipeline, recorder tap, driver, emulator) "
                    + "in the best round of 1000 samples");
            fw.traces().stop();
        }
    }

    @Test
    void theButtonSnoozesOnAShortPressAndCalibratesOnALongOne() throws Exception {
        FakeButton button = new FakeButton();
        try (SimFirmware sim = new SimFirmware(Scenarios.named("standing"), dir, 10, Map.of("snooze_min", "15"),
                fw -> { }, button)) {
            sim.await(e -> e.detail() instanceof EventDetail.Calibrated c && c.step() == CalibrationStep.LEAN);
            button.press(dev.posture.hardware.button.Button.Press.SHORT);
            assertEquals(new EventDetail.Snoozed(15), sim.await(EventType.SNOOZED).detail());
            long calibrations = sim.events().stream().filter(e -> e.type() == EventType.CALIBRATED).count();
            double standingFrom = Scenarios.named("standing").leanWindow().endS() + 5;
            awaitTrue(() -> sim.simSeconds() > standingFrom);
            button.press(dev.posture.hardware.button.Button.Press.LONG);
            awaitTrue(() -> sim.events().stream().filter(e -> e.type() == EventType.CALIBRATED).count() > calibrations);
        }
    }

    /** A button pressed by the test. */
    static final class FakeButton implements dev.posture.hardware.button.Button {
        private volatile Listener listener;

        @Override
        public void setListener(Listener l) {
            listener = l;
        }

        void press(Press press) {
            listener.pressed(press);
        }

        @Override
        public void close() {
        }
    }

    private static void awaitSamples(Firmware fw, long more) throws InterruptedException {
        long from = fw.agent().samples();
        awaitTrue(() -> fw.agent().samples() >= from + more);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s");
            }
            Thread.sleep(5);
        }
    }
}
