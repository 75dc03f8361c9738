package dev.posture.device.pipeline.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BiquadTest {
    /** Sample rates the config allows span 25..1000 Hz; these cover the ends and the default. */
    private static final int[] RATES = {25, 50, 100, 200, 500, 1000};

    /** Cutoffs the config allows at {@code rate}: 0.1 Hz up to 50 Hz and strictly below Nyquist (0.1 Hz steps). */
    static List<Double> cutoffs(int rate) {
        double top = Math.min(50.0, rate / 2.0 - 0.1);
        List<Double> out = new ArrayList<>();
        for (double f : new double[] {0.1, 0.3, 1, 2, 5, 10, 20, 30, 40, 50}) {
            if (f < top) {
                out.add(f);
            }
        }
        out.add(top);
        return out;
    }

    @Test
    void frequencyResponseMatchesTheDoubleDesign() {
        double[][] configs = {{100, 5}, {25, 2}, {25, 12.4}, {100, 49.9}, {1000, 1}, {1000, 50}, {1000, 0.1}, {200, 20}};
        double worstPassDb = 0;
        double worstStopDb = 0;
        for (double[] cfg : configs) {
            BiquadCoefficients c = BiquadCoefficients.lowPass(cfg[0], cfg[1]);
            for (double ratio : new double[] {0.1, 0.5, 1, 2, 4, 8}) {
                double f = cfg[1] * ratio;
                if (f > 0.45 * cfg[0]) {
                    continue;
                }
                double design = c.designGain(f);
                double measured = measureGain(c, f, 8000);
                double errDb = 20 * Math.log10(measured / design);
                String what = String.format(Locale.ROOT, "%s at %.2f Hz: design %.4f dB, measured %.4f dB", c, f,
                        20 * Math.log10(design), 20 * Math.log10(measured));
                if (design > 0.1) { // passband and corner: -20 dB or more
                    assertTrue(Math.abs(errDb) < 0.02, what);
                    worstPassDb = Math.max(worstPassDb, Math.abs(errDb));
                } else { // stopband: within 0.2 dB, or 1 LSB of the 8000-count amplitude
                    assertTrue(Math.abs(errDb) < 0.2 || Math.abs(measured - design) * 8000 < 1, what);
                    worstStopDb = Math.max(worstStopDb, Math.abs(errDb));
                }
                if (ratio == 1) {
                    assertEquals(-3.0103, 20 * Math.log10(measured), 0.02, what);
                }
            }
        }
        System.out.printf(Locale.ROOT, "biquad response: worst passband/corner error %.4f dB, stopband %.4f dB%n",
                worstPassDb, worstStopDb);
    }

    @Test
    void fullScaleInputsKeepTheirResponse() {
        BiquadCoefficients c = BiquadCoefficients.lowPass(100, 5);
        double measured = measureGain(c, 5, (1 << 30) - 1);
        assertEquals(-3.0103, 20 * Math.log10(measured), 0.001);
    }

    @Test
    void stepResponseFollowsTheDoubleDesign() {
        double worstAll = 0;
        for (int rate : RATES) {
            for (double fc : cutoffs(rate)) {
                BiquadCoefficients c = BiquadCoefficients.lowPass(rate, fc);
                Biquad fixed = new Biquad(c);
                BiquadTwin design = new BiquadTwin(c.designed());
                int step = 2048; // 1 g at 16 g full scale
                double worst = 0;
                double peak = 0;
                double designPeak = 0;
                int n = settleSamples(c);
                int out = 0;
                for (int i = 0; i < n; i++) {
                    out = fixed.step(step);
                    double ref = design.step(step);
                    designPeak = Math.max(designPeak, ref);
                    worst = Math.max(worst, Math.abs(out - ref));
                    peak = Math.max(peak, out);
                }
                String what = c + ": worst " + worst + " LSB";
                assertEquals(step, out, what); // unity DC gain, exactly
                assertTrue(worst <= 1.5, what); // coefficient rounding + output rounding
                assertTrue(peak <= designPeak + 1, what + ", peak " + peak + " vs " + designPeak);
                worstAll = Math.max(worstAll, worst);
            }
        }
        System.out.printf(Locale.ROOT, "biquad step response vs double design: worst %.3f LSB%n", worstAll);
    }

    @Test
    void doubleTwinWithTheRoundedCoefficientsAgreesWithinOneLsb() {
        SplittableRandom rng = new SplittableRandom(4);
        double worstAll = 0;
        for (int rate : RATES) {
            for (double fc : cutoffs(rate)) {
                BiquadCoefficients c = BiquadCoefficients.lowPass(rate, fc);
                Biquad fixed = new Biquad(c);
                BiquadTwin twin = new BiquadTwin(c.quantised());
                double worst = 0;
                // A noisy walk with steps: what an accelerometer axis looks like, in counts.
                double level = 0;
                for (int i = 0; i < 20_000; i++) {
                    if (i % 3000 == 0) {
                        level = rng.nextInt(-16000, 16000);
                    }
                    int x = (int) Math.round(level + 400 * Math.sin(i * 0.05) + rng.nextInt(-60, 61));
                    worst = Math.max(worst, Math.abs(fixed.step(x) - twin.step(x)));
                }
                assertTrue(worst <= 1.0, c + ": " + worst + " LSB");
                worstAll = Math.max(worstAll, worst);
            }
        }
        System.out.printf(Locale.ROOT, "biquad vs double twin (rounded coefficients): worst %.3f LSB%n", worstAll);
    }

    @Test
    void everyAllowedConfigIsStableAndRestsAtExactlyZero() {
        for (int rate : RATES) {
            for (double fc : cutoffs(rate)) {
                BiquadCoefficients c = BiquadCoefficients.lowPass(rate, fc);
                double[] q = c.quantised();
                // Poles strictly inside the unit circle: |a2| < 1 and |a1| < 1 + a2.
                assertTrue(Math.abs(q[4]) < 1 && Math.abs(q[3]) < 1 + q[4], c.toString());
                Biquad f = new Biquad(c);
                for (int i = 0; i < 100; i++) {
                    f.step(30000);
                }
                int settle = settleSamples(c);
                int last = 0;
                for (int i = 0; i < settle; i++) {
                    last = f.step(0);
                }
                assertEquals(0, last, c + " did not return to 0 (limit cycle?)");
                for (int i = 0; i < 1000; i++) {
                    assertEquals(0, f.step(0), c + " left 0 with zero input");
                }
            }
        }
    }

    @Test
    void accumulatorCannotOverflowForAnyAllowedConfig() {
        double worst = 0;
        for (int rate : RATES) {
            for (double fc : cutoffs(rate)) {
                BiquadCoefficients c = BiquadCoefficients.lowPass(rate, fc);
                // The final accumulator is 2^30 times the unrounded output, at most L1 * max|x|.
                double l1 = impulseResponseL1(c.quantised());
                double bound = (l1 * Biquad.MAX_INPUT + 1) * Math.pow(2, 30);
                assertTrue(bound < Math.pow(2, 63), c + ": bound " + bound);
                assertTrue(l1 < 2.5, c + ": L1 " + l1);
                worst = Math.max(worst, l1);
            }
        }
        System.out.printf(Locale.ROOT, "biquad impulse response L1: worst %.4f%n", worst);
    }

    @Test
    void highPassAndBandPassBlockDcExactly() {
        Biquad hp = new Biquad(BiquadCoefficients.highPass(100, 0.5));
        Biquad bp = new Biquad(BiquadCoefficients.bandPass(100, 2, 0.7));
        int h = 0;
        int b = 0;
        for (int i = 0; i < 5000; i++) {
            h = hp.step(2048);
            b = bp.step(2048);
        }
        assertEquals(0, h);
        assertEquals(0, b);
        assertEquals(0, 20 * Math.log10(measureGain(BiquadCoefficients.bandPass(100, 2, 0.7), 2, 8000)), 0.02);
        assertEquals(-3.0103, 20 * Math.log10(measureGain(BiquadCoefficients.highPass(100, 5), 5, 8000)), 0.02);
    }

    @Test
    void bankFiltersEachChannelLikeItsOwnBiquad() {
        BiquadCoefficients c = BiquadCoefficients.lowPass(100, 5);
        BiquadBank bank = new BiquadBank(c, 6);
        Biquad[] single = new Biquad[6];
        for (int i = 0; i < 6; i++) {
            single[i] = new Biquad(c);
        }
        SplittableRandom rng = new SplittableRandom(9);
        short[] raw = new short[6];
        int[] out = new int[6];
        for (int n = 0; n < 5000; n++) {
            for (int i = 0; i < 6; i++) {
                raw[i] = (short) rng.nextInt(-32768, 32768);
            }
            bank.step(raw, 0, out);
            for (int i = 0; i < 6; i++) {
                assertEquals(single[i].step(raw[i]), out[i]);
            }
        }
    }

    @Test
    void resetStartsAtTheLevelWithoutATransient() {
        Biquad f = new Biquad(BiquadCoefficients.lowPass(100, 5));
        f.reset(2048);
        for (int i = 0; i < 100; i++) {
            assertEquals(2048, f.step(2048));
        }
        BiquadBank bank = new BiquadBank(BiquadCoefficients.lowPass(100, 5), 3);
        bank.reset(new int[] {1, -2, 2048});
        int[] out = new int[3];
        bank.step(new int[] {1, -2, 2048}, out);
        assertEquals(List.of(1, -2, 2048), List.of(out[0], out[1], out[2]));
    }

    @Test
    void newCoefficientsKeepTheState() {
        Biquad f = new Biquad(BiquadCoefficients.lowPass(100, 5));
        f.reset(1000);
        f.setCoefficients(BiquadCoefficients.lowPass(100, 2));
        assertEquals(1000, f.step(1000)); // no jump: the state means the same under the new design
        f.setCoefficients(BiquadCoefficients.lowPass(200, 2)); // a rate change, too
        assertEquals(1000, f.step(1000));
    }

    @Test
    void configGivesTheCutoffAndRate() throws Exception {
        Config config = ConfigChange.fromText(Config.defaults(),
                java.util.Map.of("sample_rate_hz", "200", "lowpass_cutoff_hz", "7.5")).orThrow();
        LowPassParams p = LowPassParams.from(config);
        assertEquals(new LowPassParams(7.5, 200), p);
        BiquadCoefficients c = BiquadCoefficients.lowPass(p);
        assertEquals(10 * Math.log10(0.5), 20 * Math.log10(c.designGain(7.5)), 1e-9);
        assertEquals(new LowPassParams(5, 100), LowPassParams.from(Config.defaults()));
    }

    @Test
    void badDesignsAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BiquadCoefficients.lowPass(100, 50));
        assertEquals("corner frequency must be above 0 and below half the sample rate (50.0 Hz), got 50.0 Hz",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BiquadCoefficients.lowPass(0, 1));
        assertThrows(IllegalArgumentException.class, () -> BiquadCoefficients.bandPass(100, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new LowPassParams(12.5, 25));
    }

    @Test
    void stepAllocatesNothing() {
        Biquad one = new Biquad(BiquadCoefficients.lowPass(100, 5));
        BiquadBank bank = new BiquadBank(BiquadCoefficients.lowPass(100, 5), 6);
        short[] raw = {1, 2, 3, 4, 5, 6};
        int[] out = new int[6];
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5 && best > 0; round++) {
            long before = Allocation.bytes();
            for (int i = 0; i < 200_000; i++) {
                raw[i % 6] = (short) i;
                one.step(i);
                bank.step(raw, 0, out);
            }
            best = Math.min(best, Allocation.bytes() - before);
        }
        assertEquals(0, best);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** Steady-state gain of the integer filter for a sine of {@code amplitude} at {@code freqHz} (LS fit). */
    static double measureGain(BiquadCoefficients c, double freqHz, int amplitude) {
        double fs = c.sampleRateHz();
        double w = 2 * Math.PI * freqHz / fs;
        Biquad f = new Biquad(c);
        double settleS = 60 / Math.min(c.cornerHz(), freqHz) + 1;
        int settle = (int) (settleS * fs);
        int measure = (int) Math.max(4000, 40 * fs / freqHz);
        double sss = 0;
        double ssc = 0;
        double scc = 0;
        double sys = 0;
        double syc = 0;
        for (int i = 0; i < settle + measure; i++) {
            int x = (int) Math.round(amplitude * Math.sin(w * i));
            int y = f.step(x);
            if (i >= settle) {
                double s = Math.sin(w * i);
                double co = Math.cos(w * i);
                sss += s * s;
                ssc += s * co;
                scc += co * co;
                sys += y * s;
                syc += y * co;
            }
        }
        double det = sss * scc - ssc * ssc;
        double a = (sys * scc - syc * ssc) / det;
        double b = (syc * sss - sys * ssc) / det;
        return Math.hypot(a, b) / amplitude;
    }

    /** Samples for the poles (radius sqrt(a2)) to decay by 10^-8, plus a margin. */
    static int settleSamples(BiquadCoefficients c) {
        double r = Math.sqrt(c.quantised()[4]);
        return (int) Math.ceil(Math.log(1e-8) / Math.log(r)) + 500;
    }

    private static double impulseResponseL1(double[] c) {
        BiquadTwin t = new BiquadTwin(c);
        double sum = Math.abs(t.step(1));
        for (int i = 0; i < 2_000_000; i++) {
            double y = Math.abs(t.step(0));
            sum += y;
            if (i > 1000 && y < 1e-15) {
                break;
            }
        }
        return sum;
    }
}
