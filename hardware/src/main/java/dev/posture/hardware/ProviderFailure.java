package dev.posture.hardware;

import com.pi4j.exception.Pi4JException;
import dev.posture.hardware.i2c.BusErrno;

/**
 * The one way this module words a failure reported by a Pi4J provider (I2C, PWM, GPIO), for
 * {@link HardwareException} messages and logs.
 *
 * <p>Pi4J's linuxfs providers wrap a {@code java.io.IOException} whose message is
 * {@code strerror(errno)} in one or two Pi4J runtime exceptions; the words that matter are that
 * message's. An I2C errno is spelt out with what it means on the bus ({@link BusErrno}):
 * {@code NACK (EREMOTEIO, Remote I/O error)}; any other I/O message is given as it is
 * ({@code Permission denied}). Without an I/O exception in the chain, the innermost exception's
 * message is given, prefixed by its class name unless it is one of Pi4J's own
 * ({@code IllegalStateException (bus locked)}: a failure nobody expected should say what it is).
 */
public final class ProviderFailure {
    private ProviderFailure() {
    }

    /** {@code what + ": " + describe(cause)}, with {@code cause} kept as the cause. */
    public static HardwareException wrap(String what, Throwable cause) {
        return new HardwareException(what + ": " + describe(cause), cause);
    }

    /** What went wrong, in a few words, from an exception chain. */
    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException) {
                BusErrno errno = BusErrno.fromMessage(t.getMessage());
                if (errno != null) {
                    return errno.meaning + " (" + errno.name() + ", " + errno.strerror + ")";
                }
                return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String name = root.getClass().getSimpleName();
        if (root.getMessage() == null) {
            return name;
        }
        return root instanceof Pi4JException ? root.getMessage() : name + " (" + root.getMessage() + ")";
    }
}
