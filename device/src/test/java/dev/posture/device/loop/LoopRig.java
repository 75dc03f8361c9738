package dev.posture.device.loop;

import dev.posture.device.pipeline.ImuScale;
import dev.posture.device.pipeline.Pipeline;
import dev.posture.device.pipeline.PipelineParams;
import dev.posture.device.pipeline.event.EventRecord;
import dev.posture.device.pipeline.event.EventRing;
import dev.posture.hardware.HardwareException;
import dev.posture.hardware.haptic.Haptic;
import dev.posture.hardware.haptic.PatternPlayer;
import dev.posture.hardware.imu.Imu;
import dev.posture.hardware.imu.mpu6050.Mpu6050;
import dev.posture.hardware.imu.mpu6050.Mpu6050Emulator;
import dev.posture.hardware.sim.Scenario;
import dev.posture.protocol.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The sampling agent wired as on the device, but against the real MPU-6050 driver on its emulator
 * (fed by the wearer simulator), with a manual clock that only the idle strategy moves: each idle
 * jumps the clock to the requested deadline, so a run is exact and instant.
 */
final class LoopRig {
    /** The driver's own stuck check as shipped (100 samples): the loop's check must be the faster one. */
    static final int STUCK_LIMIT = Mpu6050.DEFAULT_STUCK_SAMPLE_LIMIT;

    final long[] now = {0};
    final LongSupplier clock = () -> now[0];
    final Scenario scenario;
    final Mpu6050Emulator chip;
    final EventRing ring = new EventRing(1024, 1);
    final Pipeline pipeline;
    final RecordingHaptic haptic = new RecordingHaptic(clock);
    final PatternPlayer player = new PatternPlayer(haptic);
    final SamplingAgent agent;
    final List<Long> parks = new ArrayList<>();
    final List<Long> parkEnds = new ArrayList<>();
    boolean recordParks = true;
    final AgentRunner runner;
    final List<Throwable> errors = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final List<EventRecord> eventRecords = new ArrayList<>();
    private boolean neutralAsked;
    private boolean leanAsked;

    LoopRig(Scenario scenario, LoopSettings settings) {
        this(scenario, settings, imu -> imu);
    }

    /** {@code wrap} may put a test double around the real driver each time the IMU is opened. */
    LoopRig(Scenario scenario, LoopSettings settings, UnaryOperator<Imu> wrap) {
        this.scenario = scenario;
        this.chip = new Mpu6050Emulator(1, 0x68, scenario.newSimulator(), Mpu6050Emulator.DATASHEET, 7);
        chip.useClock(clock);
        this.pipeline = new Pipeline(PipelineParams.fromConfig(Config.defaults(), ImuScale.MPU6050_16G_2000DPS,
                settings.sampleRateHz()), ring);
        ImuOpener opener = () -> {
            chip.reopen();
            try {
                return wrap.apply(new Mpu6050(chip, clock, STUCK_LIMIT));
            } catch (HardwareException e) {
                chip.close();
                throw e;
            }
        };
        this.agent = new SamplingAgent(settings, opener, pipeline, player, true, clock);
        this.runner = new AgentRunner(agent, (t, deadline) -> {
            if (recordParks) {           // boxing: off while allocation is measured
                parks.add(deadline - t);
                parkEnds.add(deadline);
            }
            if (deadline - t > 0) {
                now[0] = deadline;
            }
        }, errors::add, clock);
    }

    LoopRig(Scenario scenario) {
        this(scenario, LoopSettings.DEFAULTS);
    }

    /** Runs the loop until the clock reaches {@code tNanos}, asking for calibration as the scenario says. */
    void runUntil(long tNanos) {
        int still = 0;
        while (now[0] < tNanos) {
            long before = now[0];
            calibrate();
            runner.runOneCycle();
            drain();
            still = now[0] == before ? still + 1 : 0;
            if (still > 1000) {
                throw new AssertionError("the loop does not advance at " + now[0] + " ns: deadline "
                        + agent.nextDeadlineNanos() + ", player " + player.nextDeadlineNanos());
            }
        }
    }

    void runUntilSeconds(double tS) {
        runUntil(Math.round(tS * 1e9));
    }

    private void calibrate() {
        double t = now[0] / 1e9;
        if (!neutralAsked && t >= scenario.neutralWindow().startS()) {
            pipeline.requestNeutral(Math.round((scenario.neutralWindow().endS() - t) * 1e6));
            neutralAsked = true;
        }
        if (!leanAsked && t >= scenario.leanWindow().startS()) {
            pipeline.requestLean(Math.round((scenario.leanWindow().endS() - t) * 1e6));
            leanAsked = true;
        }
    }

    /** What the I/O thread would do: copy the events out. */
    void drain() {
        EventRecord e = new EventRecord();
        while (ring.poll(e)) {
            eventRecords.add(e);
            events.add(e.type() + "@" + e.tUs());
            e = new EventRecord();
        }
    }

    /** Records every motor command with the clock time. */
    static final class RecordingHaptic implements Haptic {
        final LongSupplier clock;
        final List<long[]> drives = new ArrayList<>();

        RecordingHaptic(LongSupplier clock) {
            this.clock = clock;
        }

        @Override
        public void drive(int intensityPct) {
            drives.add(new long[] {clock.getAsLong(), intensityPct});
        }

        @Override
        public void close() {
        }
    }
}
