package dev.posture.device.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.pipeline.ImuScale;
import dev.posture.device.pipeline.Pipeline;
import dev.posture.device.pipeline.PipelineParams;
import dev.posture.device.pipeline.event.EventRing;
import dev.posture.hardware.haptic.PatternPlayer;
import dev.posture.hardware.imu.mpu6050.Mpu6050;
import dev.posture.hardware.imu.mpu6050.Mpu6050Emulator;
import dev.posture.hardware.sim.Scenarios;
import dev.posture.protocol.config.Config;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The loop on its own thread with the real clock and the parking idle strategy: it runs, publishes and stops. */
class RealThreadTest {
    @Test
    void runsOnItsThreadPublishesAndStopsOnClose() throws InterruptedException {
        LoopHarness h = new LoopHarness(200);
        CountDownLatch hundred = new CountDownLatch(100);
        Agent counting = new Agent() {
            long seen;

            @Override
            public int doWork() {
                int work = h.agent.doWork();
                while (seen < h.agent.samples()) {
                    seen++;
                    hundred.countDown();
                }
                return work;
            }

            @Override
            public long nextDeadlineNanos() {
                return h.agent.nextDeadlineNanos();
            }

            @Override
            public void onClose() {
                h.agent.onClose();
            }

            @Override
            public String roleName() {
                return h.agent.roleName();
            }
        };
        AgentRunner runner = new AgentRunner(counting, new ParkingIdleStrategy(), e -> { }, System::nanoTime);
        Thread t = runner.start();
        assertTrue(hundred.await(60, TimeUnit.SECONDS), "100 samples on the loop thread");
        LatestSample.View v = new LatestSample.View();
        assertTrue(h.agent.latest().read(v) >= 100);
        assertTrue(v.sensorOk());
        runner.close();
        t.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(t.isAlive(), "close() wakes the parked thread and the loop ends");
        assertEquals(0, runner.errors());
        assertTrue(h.agent.jitter().count() >= 99);
    }

    /** The agent with the emulated MPU-6050 on the real clock. */
    static final class LoopHarness {
        final Mpu6050Emulator chip;
        final SamplingAgent agent;

        LoopHarness(int rateHz) {
            chip = new Mpu6050Emulator(1, 0x68, Scenarios.named("standing").newSimulator(), Mpu6050Emulator.DATASHEET, 3);
            chip.useClock(System::nanoTime);
            LoopSettings s = LoopSettings.DEFAULTS.withConfig(
                    dev.posture.protocol.config.ConfigChange.fromAssignments(Config.defaults(),
                            java.util.List.of("sample_rate_hz=" + rateHz)).config());
            Pipeline pipeline = new Pipeline(PipelineParams.fromConfig(Config.defaults(),
                    ImuScale.MPU6050_16G_2000DPS, rateHz), new EventRing());
            agent = new SamplingAgent(s, () -> {
                chip.reopen();
                return new Mpu6050(chip, System::nanoTime);
            }, pipeline, new PatternPlayer(new LoopRig.RecordingHaptic(System::nanoTime)), true, System::nanoTime);
        }
    }
}
