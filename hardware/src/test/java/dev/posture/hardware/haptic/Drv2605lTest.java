package dev.posture.hardware.haptic;

import static dev.posture.hardware.ManualClock.ms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.exception.Pi4JException;
import dev.posture.hardware.HardwareException;
import dev.posture.hardware.ManualClock;
import dev.posture.hardware.haptic.Drv2605l.Actuator;
import dev.posture.hardware.haptic.Drv2605l.CalibrationState;
import dev.posture.hardware.haptic.Drv2605lEmulator.PlayedEffect;
import dev.posture.hardware.haptic.Drv2605lEmulator.RegisterWrite;
import dev.posture.hardware.i2c.BusErrno;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The real DRV2605L driver against the register-level emulator. */
class Drv2605lTest {
    private static final long T0 = ms(1_000);

    private final ManualClock clock = new ManualClock(T0);
    private final Drv2605lEmulator chip = new Drv2605lEmulator(clock);

    private Drv2605l erm() throws HardwareException {
        return new Drv2605l(chip, Drv2605l.Settings.ERM_DEFAULTS);
    }

    private static RegisterWrite w(long nanos, Drv2605lRegister register, int value) {
        return new RegisterWrite(nanos, register.address, value);
    }

    @Nested
    class Initialization {
        @Test
        void ermInitSequenceResetsConfiguresAndLeavesStandby() throws Exception {
            Drv2605l driver = erm();
            assertEquals(7, driver.deviceId());
            assertEquals(List.of(
                    w(T0, Drv2605lRegister.MODE, 0x80),           // DEV_RESET
                    w(T0, Drv2605lRegister.MODE, 0x00),           // out of standby, internal trigger
                    w(T0, Drv2605lRegister.RATED_VOLTAGE, 0x3E),
                    w(T0, Drv2605lRegister.OD_CLAMP, 0x8C),
                    w(T0, Drv2605lRegister.FEEDBACK_CONTROL, 0x36), // N_ERM_LRA = 0: ERM
                    w(T0, Drv2605lRegister.CONTROL3, 0xA8),        // + DATA_FORMAT_RTP unsigned
                    w(T0, Drv2605lRegister.LIBRARY_SEL, 1),
                    w(T0, Drv2605lRegister.RTP_INPUT, 0),
                    w(T0, Drv2605lRegister.MODE, 0x40)),           // standby
                    chip.writes());
            assertTrue(chip.isStandby());
            assertEquals(0xA8, chip.peek(Drv2605lRegister.CONTROL3.address));
        }

        @Test
        void lraSelectsLraFeedbackAndLibrarySix() throws Exception {
            new Drv2605l(chip, new Drv2605l.Settings(Actuator.LRA, 6, 0x53, 0x89));
            assertEquals(0xB6, chip.peek(Drv2605lRegister.FEEDBACK_CONTROL.address));
            assertEquals(6, chip.peek(Drv2605lRegister.LIBRARY_SEL.address));
            assertEquals(0x53, chip.peek(Drv2605lRegister.RATED_VOLTAGE.address));
            assertEquals(0x89, chip.peek(Drv2605lRegister.OD_CLAMP.address));
        }

        @Test
        void resetClearsWhatAPreviousRunLeftBehind() throws Exception {
            chip.writeRegister(Drv2605lRegister.WAVESEQ3.address, (byte) 47);
            chip.writeRegister(Drv2605lRegister.CONTROL1.address, (byte) 0x13);
            chip.writeRegister(Drv2605lRegister.MODE.address, (byte) Drv2605lRegister.MODE_REAL_TIME_PLAYBACK);
            erm();
            assertEquals(0, chip.peek(Drv2605lRegister.WAVESEQ3.address));
            assertEquals(0x93, chip.peek(Drv2605lRegister.CONTROL1.address));
            assertEquals(0x40, chip.peek(Drv2605lRegister.MODE.address));
        }

        @Test
        void acceptsTheDrv2605() throws Exception {
            Drv2605lEmulator drv2605 = new Drv2605lEmulator(clock, 1, 0x5A, Drv2605lRegister.DEVICE_ID_DRV2605);
            assertEquals(3, new Drv2605l(drv2605, Drv2605l.Settings.ERM_DEFAULTS).deviceId());
        }

        @Test
        void refusesAnotherDeviceWithoutWritingToIt() {
            Drv2605lEmulator drv2604 = new Drv2605lEmulator(clock, 1, 0x5A, 4);
            HardwareException e = assertThrows(HardwareException.class,
                    () -> new Drv2605l(drv2604, Drv2605l.Settings.ERM_DEFAULTS));
            assertEquals("i2c bus 1 addr 0x5A reg 0x00 STATUS: device id 4 is not a DRV2605 (3) or DRV2605L (7)",
                    e.getMessage());
            assertEquals(List.of(), drv2604.writes());
        }

        @Test
        void settingsValidation() {
            assertEquals("ERM effect library 6 out of range 1..5", assertThrows(IllegalArgumentException.class,
                    () -> new Drv2605l.Settings(Actuator.ERM, 6, 0x3E, 0x8C)).getMessage());
            assertEquals("LRA effect library must be 6, got 1", assertThrows(IllegalArgumentException.class,
                    () -> new Drv2605l.Settings(Actuator.LRA, 1, 0x3E, 0x8C)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> new Drv2605l.Settings(Actuator.ERM, 1, 256, 0x8C));
            assertThrows(IllegalArgumentException.class, () -> new Drv2605l.Settings(null, 1, 0x3E, 0x8C));
        }
    }

    @Nested
    class RealTimePlayback {
        @Test
        void driveWritesRtpThenModeAndOffReturnsToStandby() throws Exception {
            Drv2605l driver = erm();
            chip.clearRecords();
            clock.set(ms(2_000));
            driver.drive(100);
            assertEquals(255, chip.rtpOutput());
            assertFalse(chip.isStandby());
            clock.set(ms(2_150));
            driver.drive(50);
            assertEquals(128, chip.rtpOutput());        // 127.5 rounds up
            clock.set(ms(2_300));
            driver.drive(0);
            assertEquals(0, chip.rtpOutput());
            assertTrue(chip.isStandby());
            assertEquals(List.of(
                    w(ms(2_000), Drv2605lRegister.RTP_INPUT, 255), w(ms(2_000), Drv2605lRegister.MODE, 5),
                    w(ms(2_150), Drv2605lRegister.RTP_INPUT, 128), w(ms(2_150), Drv2605lRegister.MODE, 5),
                    w(ms(2_300), Drv2605lRegister.RTP_INPUT, 0), w(ms(2_300), Drv2605lRegister.MODE, 0x40)),
                    chip.writes());
            assertEquals(List.of(w(ms(2_000), Drv2605lRegister.RTP_INPUT, 255),
                    w(ms(2_150), Drv2605lRegister.RTP_INPUT, 128), w(ms(2_300), Drv2605lRegister.RTP_INPUT, 0)),
                    chip.rtpInputs());
        }

        @Test
        void rtpScale() {
            assertEquals(0, Drv2605l.rtpForIntensity(0));
            assertEquals(3, Drv2605l.rtpForIntensity(1));
            assertEquals(255, Drv2605l.rtpForIntensity(100));
        }

        @Test
        void rejectsIntensityOutOfRange() throws Exception {
            Drv2605l driver = erm();
            assertThrows(IllegalArgumentException.class, () -> driver.drive(101));
            assertThrows(IllegalArgumentException.class, () -> driver.drive(-1));
        }
    }

    @Nested
    class LibraryPlayback {
        @Test
        void oneEffectPlaysAndGoClearsAfterItsDuration() throws Exception {
            Drv2605l driver = erm();
            clock.set(ms(5_000));
            driver.playEffect(47);
            assertEquals(List.of(new PlayedEffect(ms(5_000), 1, 47)), chip.playedEffects());
            assertEquals(0, chip.peek(Drv2605lRegister.WAVESEQ2.address));
            clock.set(ms(5_099));
            assertTrue(driver.isPlaying());
            clock.set(ms(5_100));
            assertFalse(driver.isPlaying());
        }

        @Test
        void sequenceWithWaitPlaysEachEffectAtItsTime() throws Exception {
            Drv2605l driver = erm();
            clock.set(ms(10_000));
            driver.playSequence(new int[] {1, Drv2605l.waitEntry(200), 15}, 3);
            assertEquals(List.of(new PlayedEffect(ms(10_000), 1, 1), new PlayedEffect(ms(10_300), 1, 15)),
                    chip.playedEffects());
            assertEquals(0x80 | 20, chip.peek(Drv2605lRegister.WAVESEQ2.address));
            assertEquals(0, chip.peek(Drv2605lRegister.WAVESEQ4.address));   // end mark
            clock.set(ms(11_049));
            assertTrue(driver.isPlaying());
            clock.set(ms(11_050));                                           // 100 + 200 + 750 ms
            assertFalse(driver.isPlaying());
        }

        @Test
        void eightEntriesNeedNoEndMark() throws Exception {
            Drv2605l driver = erm();
            driver.playSequence(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 8);
            assertEquals(8, chip.playedEffects().size());
            assertEquals(8, chip.peek(Drv2605lRegister.WAVESEQ8.address));
        }

        @Test
        void stopCancelsAndStandbyCancels() throws Exception {
            Drv2605l driver = erm();
            driver.playEffect(16);
            assertTrue(driver.isPlaying());
            driver.stop();
            assertFalse(driver.isPlaying());
            assertTrue(chip.isStandby());
            driver.playEffect(16);
            driver.drive(0);                                                  // standby cancels too
            assertFalse(driver.isPlaying());
        }

        @Test
        void goIsIgnoredInStandby() throws Exception {
            erm();
            chip.writeRegister(Drv2605lRegister.GO.address, (byte) 1);
            assertFalse(chip.isGoSet());
            assertEquals(List.of(), chip.playedEffects());
        }

        @Test
        void rejectsBadEffectsBeforeTouchingTheBus() throws Exception {
            Drv2605l driver = erm();
            chip.clearRecords();
            assertThrows(IllegalArgumentException.class, () -> driver.playEffect(0));
            assertThrows(IllegalArgumentException.class, () -> driver.playEffect(124));
            assertThrows(IllegalArgumentException.class, () -> driver.playSequence(new int[] {1, 124}, 2));
            assertThrows(IllegalArgumentException.class, () -> driver.playSequence(new int[] {-128}, 1));
            assertThrows(IllegalArgumentException.class, () -> driver.playSequence(new int[9], 9));
            assertThrows(IllegalArgumentException.class, () -> Drv2605l.waitEntry(1280));
            assertEquals(List.of(), chip.writes());
        }
    }

    @Nested
    class AutoCalibration {
        @Test
        void runsForAutoCalTimeThenPasses() throws Exception {
            Drv2605l driver = erm();
            clock.set(ms(20_000));
            driver.startAutoCalibration();
            assertEquals(CalibrationState.RUNNING, driver.calibrationState());
            clock.set(ms(20_599));
            assertEquals(CalibrationState.RUNNING, driver.calibrationState());
            clock.set(ms(20_600));                                            // AUTO_CAL_TIME 2: 500-700 ms
            assertEquals(CalibrationState.PASSED, driver.calibrationState());
            assertTrue(chip.isStandby());
        }

        @Test
        void reportsAFailedCalibration() throws Exception {
            Drv2605l driver = erm();
            chip.failNextCalibration();
            driver.startAutoCalibration();
            clock.advanceMillis(600);
            assertEquals(CalibrationState.FAILED, driver.calibrationState());
            assertEquals(Drv2605lRegister.STATUS_DIAG_RESULT, driver.readStatus() & 0x0F);
        }
    }

    @Nested
    class Faults {
        @Test
        void nackDuringResetNamesModeRegister() {
            chip.injectFaultAt(Drv2605lRegister.MODE.address, 1, BusErrno.EREMOTEIO);
            HardwareException e = assertThrows(HardwareException.class, Drv2605lTest.this::erm);
            assertEquals("i2c bus 1 addr 0x5A reg 0x01 MODE: write of 0x80 failed: NACK (EREMOTEIO, Remote I/O error)",
                    e.getMessage());
        }

        @Test
        void busErrorReadingStatus() {
            chip.injectFaultAt(Drv2605lRegister.STATUS.address, 1, BusErrno.EIO);
            HardwareException e = assertThrows(HardwareException.class, Drv2605lTest.this::erm);
            assertEquals("i2c bus 1 addr 0x5A reg 0x00 STATUS: read failed: bus error (EIO, Input/output error)",
                    e.getMessage());
        }

        @Test
        void transientNackFailsOneDriveOnly() throws Exception {
            Drv2605l driver = erm();
            chip.nackNextTransfers(1);
            HardwareException e = assertThrows(HardwareException.class, () -> driver.drive(80));
            assertEquals("i2c bus 1 addr 0x5A reg 0x02 RTP_INPUT: write of 0xCC failed: NACK (EREMOTEIO, Remote I/O error)",
                    e.getMessage());
            driver.drive(80);
            assertEquals(204, chip.rtpOutput());
        }

        @Test
        void persistentBusErrorUntilCleared() throws Exception {
            Drv2605l driver = erm();
            chip.injectFault(0, Drv2605lEmulator.FOREVER, BusErrno.EIO);
            for (int i = 0; i < 3; i++) {
                assertThrows(HardwareException.class, () -> driver.playEffect(1));
            }
            chip.clearFaults();
            driver.playEffect(1);
            assertEquals(1, chip.playedEffects().size());
        }

        @Test
        void disconnectThenReconnectNeedsReinitialization() throws Exception {
            Drv2605l driver = erm();
            driver.drive(100);
            chip.disconnect();
            HardwareException e = assertThrows(HardwareException.class, () -> driver.drive(0));
            assertEquals("i2c bus 1 addr 0x5A reg 0x02 RTP_INPUT: write of 0x00 failed: NACK (EREMOTEIO, Remote I/O error)",
                    e.getMessage());
            chip.reconnect();                                                // power-on reset
            assertTrue(chip.isStandby());
            assertEquals(0xA0, chip.peek(Drv2605lRegister.CONTROL3.address));
            driver.initialize();
            assertEquals(0xA8, chip.peek(Drv2605lRegister.CONTROL3.address));
            driver.drive(100);
            assertEquals(255, chip.rtpOutput());
        }

        @Test
        void stuckHighDataFailsTheResetPoll() {
            chip.stickBus(0xFF);                                            // reads as DEVICE_ID 7
            HardwareException e = assertThrows(HardwareException.class, Drv2605lTest.this::erm);
            assertEquals("i2c bus 1 addr 0x5A reg 0x01 MODE: DEV_RESET still set after 50 reads", e.getMessage());
        }

        @Test
        void stuckLowDataFailsTheIdCheck() {
            chip.stickBus(0x00);
            HardwareException e = assertThrows(HardwareException.class, Drv2605lTest.this::erm);
            assertEquals("i2c bus 1 addr 0x5A reg 0x00 STATUS: device id 0 is not a DRV2605 (3) or DRV2605L (7)",
                    e.getMessage());
        }

        @Test
        void closeSwallowsTheFailure() throws Exception {
            Drv2605l driver = erm();
            chip.disconnect();
            driver.close();
        }
    }

    @Nested
    class EmulatorRegisterMap {
        @Test
        void burstReadAutoIncrements() {
            byte[] buffer = new byte[4];
            assertEquals(4, chip.readRegister(Drv2605lRegister.RATED_VOLTAGE.address, buffer, 0, 4));
            assertArrayEquals(new byte[] {0x3E, (byte) 0x8C, 0x0C, 0x6C}, buffer);
        }

        @Test
        void burstWriteAutoIncrementsAndRawPointerWorks() {
            chip.writeRegister(Drv2605lRegister.WAVESEQ1.address, new byte[] {10, 20, 30}, 0, 3);
            chip.write((byte) Drv2605lRegister.WAVESEQ2.address);                 // set the pointer only
            assertEquals(20, chip.read());
            assertEquals(30, chip.read());
            chip.write(new byte[] {(byte) Drv2605lRegister.WAVESEQ5.address, 7, 8}, 0, 3);
            assertEquals(8, chip.readRegister(Drv2605lRegister.WAVESEQ6.address));
        }

        @Test
        void readOnlyRegistersIgnoreWrites() {
            chip.writeRegister(Drv2605lRegister.STATUS.address, (byte) 0);
            chip.writeRegister(Drv2605lRegister.VBAT.address, (byte) 0x55);
            assertEquals(0xE0, chip.readRegister(Drv2605lRegister.STATUS.address));
            assertEquals(0, chip.readRegister(Drv2605lRegister.VBAT.address));
        }

        @Test
        void everyResetValueFromTheTable() {
            for (Drv2605lRegister r : Drv2605lRegister.values()) {
                assertEquals(r.resetValue, chip.readRegister(r.address), r.name());
            }
        }

        @Test
        void devResetSelfClears() {
            chip.writeRegister(Drv2605lRegister.RTP_INPUT.address, (byte) 99);
            chip.writeRegister(Drv2605lRegister.MODE.address, (byte) 0x80);
            assertEquals(0x40, chip.readRegister(Drv2605lRegister.MODE.address));
            assertEquals(0, chip.readRegister(Drv2605lRegister.RTP_INPUT.address));
        }

        @Test
        void registerFaultOnlyHitsThatRegister() {
            chip.injectFaultAt(Drv2605lRegister.GO.address, Drv2605lEmulator.FOREVER, BusErrno.EREMOTEIO);
            assertEquals(0x40, chip.readRegister(Drv2605lRegister.MODE.address));
            for (int i = 0; i < 3; i++) {
                Pi4JException e = assertThrows(Pi4JException.class, () -> chip.readRegister(Drv2605lRegister.GO.address));
                assertEquals("Remote I/O error", e.getCause().getCause().getMessage());
            }
            assertEquals(0x40, chip.readRegister(Drv2605lRegister.MODE.address));
        }

        @Test
        void closedDeviceRefusesTransfers() {
            chip.close();
            assertFalse(chip.isOpen());
            assertThrows(Pi4JException.class, () -> chip.readRegister(0));
        }
    }
}
