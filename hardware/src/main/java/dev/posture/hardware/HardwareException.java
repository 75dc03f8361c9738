package dev.posture.hardware;

/**
 * A chip or bus failure: NACK, bus error, wrong WHO_AM_I, stuck data, disconnect. The message is one
 * line naming the bus, the device address and the register where they apply, e.g.
 * {@code i2c bus 1 addr 0x68 reg 0x3B: bus error (EIO)}.
 */
public class HardwareException extends Exception {
    private static final long serialVersionUID = 1L;

    public HardwareException(String message) {
        super(message);
    }

    public HardwareException(String message, Throwable cause) {
        super(message, cause);
    }
}
