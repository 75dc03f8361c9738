package dev.posture.hardware.haptic;

import static dev.posture.hardware.ManualClock.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.hardware.HardwareException;
import dev.posture.hardware.ManualClock;
import dev.posture.hardware.haptic.Drv2605lEmulator.RegisterWrite;
import dev.posture.hardware.i2c.BusErrno;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pattern player -> real DRV2605L driver -> emulated chip, on one injected clock. */
class PatternOnDrv2605lTest {
    private static final long T0 = ms(50_000);

    private final ManualClock clock = new ManualClock(T0);
    private final Drv2605lEmulator chip = new Drv2605lEmulator(clock);

    private void runUntilIdle(PatternPlayer player) {
        PerfectRunner.runUntilIdle(player, clock);
    }

    private static RegisterWrite rtp(long nanos, int value) {
        return new RegisterWrite(nanos, Drv2605lRegister.RTP_INPUT.address, value);
    }

    @Test
    void doublePulseReachesTheChipAtTheRightTimes() throws HardwareException {
        PatternPlayer player = new PatternPlayer(new Drv2605l(chip, Drv2605l.Settings.ERM_DEFAULTS));
        chip.clearRecords();
        player.play(HapticPattern.DOUBLE_PULSE, 100);
        runUntilIdle(player);
        assertEquals(List.of(rtp(T0, 255), rtp(T0 + ms(150), 0), rtp(T0 + ms(300), 255), rtp(T0 + ms(450), 0)),
                chip.rtpInputs());
        assertTrue(chip.isStandby());
    }

    @Test
    void aNackIsCountedAndTheOffIsRetried() throws HardwareException {
        PatternPlayer player = new PatternPlayer(new Drv2605l(chip, Drv2605l.Settings.ERM_DEFAULTS));
        player.play(HapticPattern.SINGLE_PULSE, 100);
        player.tick(T0);
        chip.injectFaultAt(Drv2605lRegister.RTP_INPUT.address, 1, BusErrno.EREMOTEIO);
        runUntilIdle(player);
        assertEquals(1, player.motorErrors());
        assertEquals("i2c bus 1 addr 0x5A reg 0x02 RTP_INPUT: write of 0x00 failed: NACK (EREMOTEIO, Remote I/O error)",
                player.lastMotorError().getMessage());
        assertEquals(0, chip.rtpOutput());
        assertTrue(chip.isStandby());
        List<RegisterWrite> rtps = chip.rtpInputs();
        assertEquals(rtp(T0 + ms(200), 0), rtps.get(rtps.size() - 1));          // retried 50 ms later
    }
}
