package dev.posture.device.pipeline.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BiquadTest {
    /** |H(e^{jw})| of {b0, b1, b2, a1, a2} at f / fs. */
    static double magnitude(double[] c, double rel) {
        double w = 2 * Math.PI * rel;
        double cr = Math.cos(w), ci = -Math.sin(w), c2r = Math.cos(2 * w), c2i = -Math.sin(2 * w);
        double nr = c[0] + c[1] * cr + c[2] * c2r, ni = c[1] * ci + c[2] * c2i;
        double dr = 1 + c[3] * cr + c[4] * c2r, di = c[3] * ci + c[4] * c2i;
        return Math.hypot(nr, ni) / Math.hypot(dr, di);
    }

    static double db(double x) {
        return 20 * Math.log10(x);
    }

    @ParameterizedTest
    @CsvSource({"5, 285.714", "20, 285.714", "2, 100", "0.5, 25", "10, 1000", "2, 1000", "100, 1000"})
    void roundedCoefficientsKeepTheDesignedResponse(double cutoff, double rate) {
        double[] design = Biquad.butterworthLowPassCoefficients(cutoff, rate);
        double[] rounded = Biquad.butterworthLowPass(cutoff, rate).coefficients();
        assertEquals(-3.0103, db(magnitude(design, cutoff / rate)), 1e-3, "design -3 dB at the cut-off");
        for (double rel = 0; rel < 0.5; rel += 0.001) {
            double d = magnitude(design, rel), r = magnitude(rounded, rel);
            if (d > 1e-3) { // above -60 dB: within 0.01 dB
                assertEquals(db(d), db(r), 0.01, "at f/fs " + rel);
            } else {        // far stop band: within 1e-5 absolute
                assertEquals(d, r, 1e-5, "at f/fs " + rel);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"5, 285.714", "2, 100", "10, 1000"})
    void integerFilterFollowsTheDesignedGainOnSines(double cutoff, double rate) {
        double[] design = Biquad.butterworthLowPassCoefficients(cutoff, rate);
        for (double f : new double[] {cutoff / 4, cutoff, 2 * cutoff, 4 * cutoff}) {
            Biquad b = Biquad.butterworthLowPass(cutoff, rate);
            double amp = 20000, peak = 0;
            int n = (int) (rate / f * 40);
            for (int i = 0; i < n; i++) {
                int y = b.filter((int) Math.round(amp * Math.sin(2 * Math.PI * f / rate * i)));
                if (i > n / 2) {
                    peak = Math.max(peak, Math.abs(y));
                }
            }
            double expected = amp * magnitude(design, f / rate);
            assertEquals(expected, peak, 0.01 * expected + 2, cutoff + " Hz filter at " + f + " Hz");
        }
    }

    @Test
    void constantInputComesOutExactAndSaturates() {
        Biquad b = Biquad.butterworthLowPass(1, 285.714);
        int y = 0;
        for (int i = 0; i < 20_000; i++) {
            y = b.filter(-12345);
        }
        assertEquals(-12345, y);
        b.reset(32767);
        assertEquals(32767, b.filter(32767));
        Biquad big = Biquad.butterworthLowPass(100, 1000);
        big.reset(Integer.MAX_VALUE);
        int last = 0;
        for (int i = 0; i < 100; i++) {
            last = big.filter(i % 2 == 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE);
        }
        assertTrue(last >= Integer.MIN_VALUE && last <= Integer.MAX_VALUE);
    }

    @Test
    void rejectsCutOffsOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> Biquad.butterworthLowPass(0.01, 1000));
        assertThrows(IllegalArgumentException.class, () -> Biquad.butterworthLowPass(500, 1000));
        assertThrows(IllegalArgumentException.class, () -> new Biquad(2.5, 0, 0, 0, 0));
    }
}
