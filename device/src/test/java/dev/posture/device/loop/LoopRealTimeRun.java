package dev.posture.device.loop;

/**
 * Not a test: runs the loop on its own thread against the emulated MPU-6050 with the real clock and
 * the parking idle strategy, and prints the period deviation and counters. Figures in loop.md.
 *
 * <pre>
 * java -cp "device/target/test-classes:device/target/classes:$(cat cp.txt)" \
 *     dev.posture.device.loop.LoopRealTimeRun 200 60 10   # Hz, seconds measured, seconds of warm-up first
 * java ... dev.posture.device.loop.LoopRealTimeRun bare 200 60  # the platform's floor: parkNanos alone
 * </pre>
 */
public final class LoopRealTimeRun {
    private LoopRealTimeRun() {
    }

    private static SamplingAgent run(int rate, int seconds) throws InterruptedException {
        RealThreadTest.LoopHarness h = new RealThreadTest.LoopHarness(rate);
        AgentRunner runner = new AgentRunner(h.agent, new ParkingIdleStrategy(), Throwable::printStackTrace,
                System::nanoTime);
        Thread t = runner.start();
        Thread.sleep(seconds * 1000L);
        runner.close();
        t.join();
        return h.agent;
    }

    /** The platform's floor: a bare parkNanos loop, period deviation measured the same way. */
    private static JitterHistogram bare(int rate, int seconds) {
        long period = Math.round(1e9 / rate);
        JitterHistogram h = new JitterHistogram();
        ParkingIdleStrategy idle = new ParkingIdleStrategy();
        long deadline = System.nanoTime() + period;
        long last = Long.MIN_VALUE;
        for (long i = 0; i < (long) rate * seconds; i++) {
            long now;
            while ((now = System.nanoTime()) - deadline < 0) {
                idle.idle(now, deadline);
            }
            if (last != Long.MIN_VALUE) {
                h.record(Math.abs(now - last - period));
            }
            last = now;
            deadline += period;
        }
        return h;
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("bare")) {
            int rate = Integer.parseInt(args[1]);
            int seconds = Integer.parseInt(args[2]);
            JitterHistogram j = bare(rate, seconds);
            System.out.printf("bare parkNanos, %d Hz for %d s: period deviation p50 %d us, p99 %d us, p99.9 %d us,"
                    + " max %d us%n", rate, seconds, j.percentile(50) / 1000, j.percentile(99) / 1000,
                    j.percentile(99.9) / 1000, j.max() / 1000);
            return;
        }
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        run(rate, warmUp);                   // JIT-compiles the loop, the driver and the emulator
        SamplingAgent a = run(rate, seconds);
        JitterHistogram j = a.jitter();
        System.out.printf("%d Hz for %d s: %d samples, %d missed, %d overruns, %d silent slots, %d faults;"
                + " period deviation p50 %d us, p99 %d us, p99.9 %d us, max %d us (%d slots)%n", rate, seconds,
                a.samples(), a.missedSamples(), a.overruns(), a.silentSlots(), a.faults(),
                j.percentile(50) / 1000, j.percentile(99) / 1000, j.percentile(99.9) / 1000, j.max() / 1000,
                j.count());
    }
}
