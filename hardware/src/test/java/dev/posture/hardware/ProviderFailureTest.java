package dev.posture.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.pi4j.exception.Pi4JException;
import org.junit.jupiter.api.Test;

/** One wording for every provider failure: I2C, PWM and GPIO drivers and the factory all use it. */
class ProviderFailureTest {
    @Test
    void anI2cErrnoUnderPi4jWrappersIsSpeltOut() {
        Throwable e = new Pi4JException("Failed to execute action for device 104 on bus 1",
                new Pi4JException("Failed to execute ioctl for device 104 on bus 1", new java.io.IOException("Remote I/O error")));
        assertEquals("NACK (EREMOTEIO, Remote I/O error)", ProviderFailure.describe(e));
    }

    @Test
    void anotherIoMessageIsGivenAsItIs() {
        Throwable e = new com.pi4j.io.exception.IOException("Failed to write", new java.io.IOException("Permission denied"));
        assertEquals("Permission denied", ProviderFailure.describe(e));
    }

    @Test
    void aPi4jExceptionSpeaksForItselfAnythingElseSaysWhatItIs() {
        assertEquals("export failed", ProviderFailure.describe(new com.pi4j.io.exception.IOException("export failed")));
        assertEquals("IllegalStateException (bus locked)",
                ProviderFailure.describe(new RuntimeException("outer", new IllegalStateException("bus locked"))));
        assertEquals("NullPointerException", ProviderFailure.describe(new NullPointerException()));
    }

    @Test
    void wrapKeepsTheCause() {
        Pi4JException cause = new Pi4JException("no provider");
        HardwareException e = ProviderFailure.wrap("Pi4J provider linuxfs-pwm", cause);
        assertEquals("Pi4J provider linuxfs-pwm: no provider", e.getMessage());
        assertSame(cause, e.getCause());
    }
}
