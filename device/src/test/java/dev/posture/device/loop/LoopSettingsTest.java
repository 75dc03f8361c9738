package dev.posture.device.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posture.hardware.imu.ImuSettings;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopSettingsTest {
    @Test
    void defaultsAndConfig() {
        LoopSettings d = LoopSettings.DEFAULTS;
        assertEquals(100, d.sampleRateHz());
        assertEquals(10_000_000L, d.periodNanos());
        assertEquals(5, d.stuckRepeats());
        LoopSettings s = d.withConfig(ConfigChange.fromAssignments(Config.defaults(),
                List.of("sample_rate_hz=1000", "cue_intensity_pct=40")).config());
        assertEquals(1000, s.sampleRateHz());
        assertEquals(1000, s.imu().sampleRateHz());
        assertEquals(1_000_000L, s.periodNanos());
        assertEquals(50, s.stuckRepeats(), "50 ms at 1 kHz");
        assertEquals(40, s.cueIntensityPct());
        assertEquals(16, s.imu().accelRangeG());
    }

    @Test
    void rejectsWhatTheLoopCannotDo() {
        ImuSettings imu100 = new ImuSettings(16, 2000, 100, 0, false);
        assertEquals("IMU rate 100 Hz differs from the loop's 200 Hz", assertThrows(IllegalArgumentException.class,
                () -> new LoopSettings(200, imu100, 5, 3, 1, 2, 1, 1, 1, 1, 70)).getMessage());
        assertEquals("sample rate must be 25..1000 Hz, got 2000", assertThrows(IllegalArgumentException.class,
                () -> new LoopSettings(2000, imu100, 5, 3, 1, 2, 1, 1, 1, 1, 70)).getMessage());
        assertEquals("the loop reads the data registers; FIFO mode is not supported",
                assertThrows(IllegalArgumentException.class, () -> new LoopSettings(100,
                        new ImuSettings(16, 2000, 100, 0, true), 5, 3, 1, 2, 1, 1, 1, 1, 70)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LoopSettings(100, imu100, 0, 3, 1, 2, 1, 1, 1, 1, 70));
        assertThrows(IllegalArgumentException.class, () -> new LoopSettings(100, imu100, 5, 3, 3, 2, 1, 1, 1, 1, 70));
    }

    @Test
    void faultCodesRoundTripAndClassify() {
        for (SensorFault f : SensorFault.values()) {
            assertEquals(f, SensorFault.fromCode(f.ordinal()));
        }
        assertEquals("no_data", SensorFault.NO_DATA.id());
        assertEquals(SensorFault.STUCK, SensorFault.classify("i2c bus 1 addr 0x68 reg 0x3B: data stuck: 100 fresh samples"));
        assertEquals(SensorFault.WRONG_CHIP, SensorFault.classify("i2c bus 1 addr 0x68 reg 0x75: WHO_AM_I is 0x70"));
        assertEquals(SensorFault.BUS_ERROR, SensorFault.classify("i2c bus 1 addr 0x68 reg 0x3A: bus error (EIO)"));
        assertEquals(SensorFault.BUS_ERROR, SensorFault.classify(null));
        assertThrows(IllegalArgumentException.class, () -> SensorFault.fromCode(4));
    }
}
