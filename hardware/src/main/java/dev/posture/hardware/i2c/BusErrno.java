package dev.posture.hardware.i2c;

/**
 * The Linux errno values an I2C transfer fails with, and what each means on a Raspberry Pi.
 *
 * <p>The Pi's controller driver ({@code i2c-bcm2835}) returns {@code EREMOTEIO} when the address or a
 * data byte is not acknowledged (the chip is absent or refused the byte), {@code EIO} for other bus
 * errors, and {@code ETIMEDOUT} when a transfer does not complete. SMBus-style adapters use
 * {@code ENXIO} for an absent device. Pi4J's linuxfs provider surfaces them as a
 * {@code java.io.IOException} whose message is {@code strerror(errno)}, wrapped in Pi4J runtime
 * exceptions; {@link #fromMessage} recognises that message again.
 */
public enum BusErrno {
    /** errno 5: a bus error other than a NACK (e.g. a clock-stretch timeout on the BCM2835). */
    EIO(5, "Input/output error", "bus error"),
    /** errno 6: no device answered at the address (SMBus-style adapters). */
    ENXIO(6, "No such device or address", "NACK"),
    /** errno 110: the transfer never completed. */
    ETIMEDOUT(110, "Connection timed out", "timeout"),
    /** errno 121: the address or a data byte was not acknowledged (i2c-bcm2835). */
    EREMOTEIO(121, "Remote I/O error", "NACK");

    /** The Linux errno number. */
    public final int code;
    /** {@code strerror(code)} in glibc's wording: the message linuxfs' exception carries. */
    public final String strerror;
    /** What it means on the bus, in the words our messages use. */
    public final String meaning;

    BusErrno(int code, String strerror, String meaning) {
        this.code = code;
        this.strerror = strerror;
        this.meaning = meaning;
    }

    /** The errno whose {@code strerror} text is {@code message}, or null if none is. */
    public static BusErrno fromMessage(String message) {
        if (message == null) {
            return null;
        }
        for (BusErrno errno : values()) {
            if (errno.strerror.equals(message)) {
                return errno;
            }
        }
        return null;
    }
}
