package dev.posture.protocol.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PhysicalUnitsTest {

    private static TraceHeader header(Rational accelLsbPerG, Rational gyroLsbPerDps) {
        TraceHeader h = TraceFixtures.header();
        return new TraceHeader(h.deviceId(), h.sensorModel(), h.recordingId(), accelLsbPerG, h.accelRangeG(),
                gyroLsbPerDps, h.gyroRangeDps(), h.sampleRateHz(), h.startEpochMs(), 1_000_000L, h.calibration());
    }

    @Test
    void oneGInCountsIsStandardGravity() {
        // MPU-6050 datasheet, accelerometer sensitivity: 2048 LSB/g at +-16 g, 16384 LSB/g at +-2 g.
        PhysicalUnits at16g = PhysicalUnits.of(header(Rational.of(2048), Rational.of(164, 10)));
        PhysicalUnits at2g = PhysicalUnits.of(header(Rational.of(16384), Rational.of(131)));

        assertEquals(9.80665, at16g.accelMps2(2048));
        assertEquals(-9.80665, at16g.accelMps2(-2048));
        assertEquals(9.80665, at2g.accelMps2(16384));
        assertEquals(9.80665 / 2048, at16g.accelMps2PerCount());
        assertEquals(-16 * 9.80665, at16g.accelMps2(Short.MIN_VALUE));
    }

    @Test
    void gyroCountsBecomeRadiansPerSecondThroughTheRationalScale() {
        // 16.4 LSB/(deg/s) at +-2000 deg/s is stored as 164/10; 65.5 at +-500 as 131/2.
        PhysicalUnits at2000 = PhysicalUnits.of(header(Rational.of(2048), Rational.of(164, 10)));
        PhysicalUnits at500 = PhysicalUnits.of(header(Rational.of(2048), Rational.of(131, 2)));

        assertEquals(Math.PI / 180.0 * 10 / 164, at2000.gyroRadpsPerCount());
        assertEquals(Math.toRadians(10), at2000.gyroRadps(164), 1e-16);
        assertEquals(0.17453292519943295, at2000.gyroRadps(164), "10 deg/s, bit for bit");
        assertEquals(Math.toRadians(2), at500.gyroRadps(131), 1e-16);
        assertEquals(Math.toRadians(-2000), at2000.gyroRadps(-32800), 1e-12);
    }

    @Test
    void timeIsSecondsSinceTheDeviceStart() {
        PhysicalUnits units = PhysicalUnits.of(header(Rational.of(2048), Rational.of(164, 10)));

        assertEquals(0.0, units.secondsSinceStart(1_000_000));
        assertEquals(0.0035, units.secondsSinceStart(1_003_500));
        assertEquals(-0.5, units.secondsSinceStart(500_000));
        assertEquals(3600.000001, units.secondsSinceStart(3_601_000_001L));
    }

    @Test
    void aRawSampleBecomesAPhysicalOne() {
        PhysicalUnits units = PhysicalUnits.of(header(Rational.of(2048), Rational.of(164, 10)));

        PhysicalSample s = units.toPhysical(new RawSample(1_010_000, (short) 0, (short) -2048, (short) 1024,
                (short) 164, (short) 0, (short) -164));

        assertEquals(new PhysicalSample(0.01, 0.0, -9.80665, 4.903325, 0.17453292519943295, 0.0, -0.17453292519943295), s);
    }
}
