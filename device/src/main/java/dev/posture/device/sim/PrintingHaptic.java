package dev.posture.device.sim;

import dev.posture.hardware.haptic.Haptic;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The simulator's motor: prints one line each time the motor starts after being off
 * ({@code * MOTOR t=12.340 on 70%}), so a pulse train shows as its pulses, and counts them.
 */
public final class PrintingHaptic implements Haptic {
    private final Consumer<String> out;
    private final LongSupplier clockNanos;
    private int level;
    private long starts;

    /** @param out where each line goes (without line end) */
    public PrintingHaptic(Consumer<String> out, LongSupplier clockNanos) {
        this.out = out;
        this.clockNanos = clockNanos;
    }

    @Override
    public synchronized void drive(int intensityPct) {
        if (intensityPct > 0 && level == 0) {
            starts++;
            out.accept(String.format(Locale.ROOT, "* MOTOR t=%.3f on %d%%", clockNanos.getAsLong() / 1e9, intensityPct));
        }
        level = intensityPct;
    }

    /** Times the motor started. */
    public synchronized long starts() {
        return starts;
    }

    @Override
    public void close() {
        drive(0);
    }
}
