package dev.posture.device.sim;

import dev.posture.device.control.CalibrationOutcome;
import dev.posture.device.runtime.Firmware;
import dev.posture.hardware.sim.TimeWindow;
import dev.posture.protocol.message.CalibrationStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The calibrations a simulated wearer does ({@code sim --neutral-window A:B --lean-window C:D}, or
 * the scenario's own): when the firmware's clock reaches A it asks for a window that ends at B, as a
 * wearer pressing the button and standing tall would. Runs on its own daemon thread.
 */
public final class CalibrationSchedule implements AutoCloseable {
    /** One calibration: the pose and its window, s of simulated time. */
    public record Entry(CalibrationStep pose, TimeWindow window) {
    }

    private final List<Entry> entries;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param firmware  where to ask
     * @param entries   windows in any order
     * @param outcomes  told each outcome (the sim prints them)
     */
    public CalibrationSchedule(Firmware firmware, List<Entry> entries, Consumer<CalibrationOutcome> outcomes) {
        this.entries = new ArrayList<>(entries);
        this.entries.sort(Comparator.comparingDouble(e -> e.window().startS()));
        this.thread = new Thread(() -> run(firmware, outcomes), "calibration-schedule");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Firmware firmware, Consumer<CalibrationOutcome> outcomes) {
        long realPark = Math.max(100_000L, (long) (TimeUnit.MILLISECONDS.toNanos(10) * firmware.clock().realPerClock()));
        for (Entry e : entries) {
            long startNanos = Math.round(e.window().startS() * 1e9);
            while (running && firmware.clock().nanos() < startNanos) {
                LockSupport.parkNanos(realPark);
            }
            if (!running) {
                return;
            }
            long durationUs = Math.max(1, Math.round((e.window().endS() * 1e9 - firmware.clock().nanos()) / 1000));
            firmware.calibrate(e.pose(), durationUs).thenAccept(outcomes);
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
