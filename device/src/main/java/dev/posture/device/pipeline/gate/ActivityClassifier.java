package dev.posture.device.pipeline.gate;

import dev.posture.device.pipeline.filter.Biquad;
import dev.posture.device.pipeline.filter.BiquadCoefficients;
import dev.posture.device.pipeline.fixed.FixedMath;
import java.util.Objects;

/**
 * Tells STILL, LIGHT, WALKING, JOGGING and VEHICLE apart from raw accelerometer and gyroscope counts,
 * one sample at a time, in integer arithmetic with state preallocated at construction.
 *
 * <p><b>Rates.</b> |a| and its vibration band run at a fixed {@value #FEATURE_RATE_HZ} Hz or just
 * above: on every {@code k}-th sample, {@code k = floor(rate / 50)} (every sample below 100 Hz); the
 * vibration band (5-20 Hz on a bus) stays below their Nyquist frequency (25 Hz at 50 Hz). The step
 * band, the gyro features, the step tracking and the decision run on every second of those (about
 * 25 Hz; every one below 50 Hz): steps are 1-4 Hz and the hold times are seconds. The step band takes
 * the mean |a| of the two feature samples (a cheap anti-alias: the bus's 20-24 Hz would otherwise
 * fold into 1-5 Hz). Filters and running means are designed for their own rate; the samples in
 * between return the last activity. The feature samples themselves are not averaged (a box average
 * would take up to a third of the 20 Hz vibration); what lies above 25 Hz (chip noise) folds into the
 * vibration band with its variance unchanged.
 *
 * <p>A short list of steps:
 * <ol>
 *   <li>{@link #vibration} and {@link #motion}: |a| in counts; its step band (band-pass around 2 Hz) and vibration band
 *       (high-pass above 5 Hz), each squared into a running mean square; the gyroscope minus its slow
 *       mean (which removes the bias and steady turns), squared into a running mean square.</li>
 *   <li>{@link #trackSteps}: a Schmitt trigger on the step band marks each step (an up-crossing);
 *       the last {@link #MAX_STEPS} step times sit in a ring, and the wearer is stepping while at
 *       least {@code minSteps} regular steps (longest / shortest interval at most
 *       {@code stepRegularity}) at {@code minStepHz..maxStepHz} fall within {@code stepWindowS}.</li>
 *   <li>{@link #instant}: this sample's class from the features (thresholds compared as squares, no
 *       square roots): a gait with enough step-band energy is WALKING, or JOGGING above
 *       {@code jogRmsG}; else vibration above {@code vibrationRmsG} that outweighs the step band, with
 *       little rotation, is VEHICLE; else rotation or step-band motion above the LIGHT limits is
 *       LIGHT; else STILL.</li>
 *   <li>{@link #hold}: hold times so the output does not flicker: WALKING / JOGGING last
 *       {@code movingHoldS} past the last step; VEHICLE needs {@code vehicleEnterS} of vibration and
 *       lasts {@code vehicleHoldS} past it; LIGHT lasts {@code lightHoldS}.</li>
 * </ol>
 *
 * <p><b>Units.</b> Accel in counts ({@code accelLsbPerG} per g), gyro in counts
 * ({@code gyroLsbPerDpsX10 / 10} per deg/s); energies are mean squares of counts in Q8 (value / 2^8);
 * smoothing factors Q20. Running means are exponential (time constants from the nominal sample rate);
 * step intervals come from the timestamps, so timing jitter does not bias the step rate.
 */
public final class ActivityClassifier {
    /** Step times kept (the ring's size). */
    public static final int MAX_STEPS = 8;

    /** The features' rate, Hz: the sample rate is divided by {@code floor(rate / 50)} (at least 1). */
    public static final int FEATURE_RATE_HZ = 50;
    /** The step band, the gyro features and the decision run at half the feature rate from 50 Hz up, Hz. */
    static final int MOTION_RATE_HZ = 25;

    private static final int ENERGY_BITS = 8; // Q8 energies
    private static final int ALPHA_BITS = 20; // Q20 smoothing factors

    /** Everything derived from the params and the sample rate, once. */
    private static final class Coefficients {
        final ActivityParams params;
        final int decimation;     // samples per feature sample, floor(rate / 50), at least 1
        final int motionEvery;    // feature samples per motion sample: 2 at a feature rate of 50 Hz or more, else 1
        final BiquadCoefficients stepBand;
        final BiquadCoefficients vibrationBand;
        final long alphaVibration; // Q20, 1 - exp(-dt / powerTimeS) at the feature rate
        final long alphaPower;   // Q20, 1 - exp(-dt / powerTimeS) at the motion rate
        final long alphaGyroMean; // Q20, 1 - exp(-dt / gyroMeanTimeS)
        final int stepHysteresis; // counts
        final long stepWindowUs;
        final long minIntervalUs; // 1 / maxStepHz
        final long maxIntervalUs; // 1 / minStepHz
        final long regularityPct; // stepRegularity in percent
        final long walkEnergy;    // Q8 counts^2
        final long jogEnergy;
        final long lightEnergy;
        final long vibrationEnergy;
        final long lightGyroEnergy;
        final long vehicleGyroEnergy;
        final long vehicleEnterUs;
        final long vehicleHoldUs;
        final long movingHoldUs;
        final long lightHoldUs;

        Coefficients(ActivityParams p, int sampleRateHz, int accelLsbPerG, int gyroLsbPerDpsX10) {
            if (sampleRateHz < 25 || sampleRateHz > 1000) {
                throw new IllegalArgumentException("sample rate must be in [25, 1000] Hz, got " + sampleRateHz);
            }
            if (accelLsbPerG <= 0 || gyroLsbPerDpsX10 <= 0) {
                throw new IllegalArgumentException("scale factors must be positive, got " + accelLsbPerG + " LSB/g and "
                        + gyroLsbPerDpsX10 + " LSB/(deg/s) x10");
            }
            this.params = p;
            decimation = Math.max(1, sampleRateHz / FEATURE_RATE_HZ);
            double fs = sampleRateHz / (double) decimation; // the feature rate
            motionEvery = fs >= 2 * MOTION_RATE_HZ ? 2 : 1;
            double fsMotion = fs / motionEvery;
            stepBand = BiquadCoefficients.bandPass(fsMotion, p.stepCentreHz(), p.stepBandQ());
            vibrationBand = BiquadCoefficients.highPass(fs, Math.min(p.vibrationCornerHz(), 0.4 * fs));
            alphaVibration = alpha(fs, p.powerTimeS());
            alphaPower = alpha(fsMotion, p.powerTimeS());
            alphaGyroMean = alpha(fsMotion, p.gyroMeanTimeS());
            stepHysteresis = (int) Math.max(1, Math.round(p.stepHysteresisG() * accelLsbPerG));
            stepWindowUs = Math.round(p.stepWindowS() * 1e6);
            minIntervalUs = Math.round(1e6 / p.maxStepHz());
            maxIntervalUs = Math.round(1e6 / p.minStepHz());
            regularityPct = Math.round(p.stepRegularity() * 100);
            walkEnergy = energy(p.walkRmsG() * accelLsbPerG);
            jogEnergy = energy(p.jogRmsG() * accelLsbPerG);
            lightEnergy = energy(p.lightRmsG() * accelLsbPerG);
            vibrationEnergy = energy(p.vibrationRmsG() * accelLsbPerG);
            double gyroLsbPerDps = gyroLsbPerDpsX10 / 10.0;
            lightGyroEnergy = energy(p.lightGyroDps() * gyroLsbPerDps);
            vehicleGyroEnergy = energy(p.vehicleMaxGyroDps() * gyroLsbPerDps);
            vehicleEnterUs = Math.round(p.vehicleEnterS() * 1e6);
            vehicleHoldUs = Math.round(p.vehicleHoldS() * 1e6);
            movingHoldUs = Math.round(p.movingHoldS() * 1e6);
            lightHoldUs = Math.round(p.lightHoldS() * 1e6);
        }

        private static long alpha(double fs, double timeS) {
            return Math.max(1, Math.round(-Math.expm1(-1 / (fs * timeS)) * (1 << ALPHA_BITS)));
        }

        private static long energy(double rmsCounts) {
            return Math.round(rmsCounts * rmsCounts * (1 << ENERGY_BITS));
        }
    }

    private Coefficients c;

    // ---- state: features ----
    private final Biquad stepFilter;
    private final Biquad vibrationFilter;
    private int accelMagnitude;       // counts
    private int stepSignal;           // counts, band-passed |a|
    private long stepEnergy;          // Q8 counts^2
    private long vibrationEnergy;     // Q8 counts^2
    private final long[] gyroMean = new long[3]; // Q8 counts
    private long gyroEnergy;          // Q8 counts^2
    private boolean primed;
    private int skip;                 // samples to pass over before the next feature sample
    private int motionSkip;           // feature samples to pass over before the next motion sample
    private int previousMagnitude;    // |a| of the feature sample before, counts

    // ---- state: steps ----
    private boolean stepHigh;         // Schmitt trigger output
    private final long[] stepTimes = new long[MAX_STEPS]; // us, ring
    private int stepHead;             // index of the newest
    private int stepCount;            // valid entries, <= MAX_STEPS
    private boolean stepping;
    private int stepRateCentiHz;
    private long lastStepUs;
    private long stepIntervalUs;      // mean interval of the current run

    // ---- state: output ----
    private Activity activity = Activity.STILL;
    private Activity lastMoving = Activity.WALKING;
    private long movingUntilUs = Long.MIN_VALUE;
    private long vibrationSinceUs = Long.MIN_VALUE; // start of the current run of vibration, MIN when none
    private long vehicleUntilUs = Long.MIN_VALUE;
    private long lightUntilUs = Long.MIN_VALUE;

    /**
     * @param sampleRateHz     nominal rate (25..1000 Hz), for the filters and running means
     * @param accelLsbPerG     accelerometer counts per g (MPU-6050 at 16 g: 2048)
     * @param gyroLsbPerDpsX10 gyroscope counts per deg/s, times 10 (MPU-6050 at 2000 dps: 164)
     */
    public ActivityClassifier(ActivityParams params, int sampleRateHz, int accelLsbPerG, int gyroLsbPerDpsX10) {
        this.c = new Coefficients(Objects.requireNonNull(params, "params"), sampleRateHz, accelLsbPerG,
                gyroLsbPerDpsX10);
        this.stepFilter = new Biquad(c.stepBand);
        this.vibrationFilter = new Biquad(c.vibrationBand);
    }

    /**
     * New params, rate or scale (a config change): coefficients are rebuilt, the state is kept (the
     * filters' histories and the step ring mean the same under new coefficients; energies are kept in
     * counts, so a changed scale factor makes them settle again within a time constant).
     */
    public void reconfigure(ActivityParams params, int sampleRateHz, int accelLsbPerG, int gyroLsbPerDpsX10) {
        this.c = new Coefficients(Objects.requireNonNull(params, "params"), sampleRateHz, accelLsbPerG,
                gyroLsbPerDpsX10);
        stepFilter.setCoefficients(c.stepBand);
        vibrationFilter.setCoefficients(c.vibrationBand);
        skip = Math.min(skip, c.decimation - 1);
        motionSkip = Math.min(motionSkip, c.motionEvery - 1);
    }

    /**
     * One sample: raw counts {@code raw[0..2]} accel, {@code raw[3..5]} gyro, at device time {@code tUs}.
     *
     * @return the activity after hold times
     */
    public Activity step(long tUs, short[] raw) {
        if (skip > 0) {
            skip--;
            return activity;
        }
        skip = c.decimation - 1;
        int m = vibration(raw);
        if (motionSkip > 0) {
            motionSkip--;
            previousMagnitude = m;
            return activity;
        }
        motionSkip = c.motionEvery - 1;
        // The step band takes the mean |a| of the pair: a cheap anti-alias for what lies above 12.5 Hz.
        motion(raw, c.motionEvery == 2 ? (previousMagnitude + m) >> 1 : m);
        trackSteps(tUs);
        return hold(tUs, instant());
    }

    /** Every feature sample: |a| and its vibration band's energy; returns |a|. */
    private int vibration(short[] raw) {
        long ax = raw[0];
        long ay = raw[1];
        long az = raw[2];
        int m = magnitude(ax * ax + ay * ay + az * az);
        accelMagnitude = m;
        if (!primed) {
            primed = true;
            previousMagnitude = m;
            stepFilter.reset(m);
            vibrationFilter.reset(m);
            for (int i = 0; i < 3; i++) {
                gyroMean[i] = (long) raw[3 + i] << ENERGY_BITS;
            }
        }
        int vib = vibrationFilter.step(m);
        vibrationEnergy = smooth(vibrationEnergy, ((long) vib * vib) << ENERGY_BITS, c.alphaVibration);
        return m;
    }

    /** Every motion sample: the step band's energy and the gyro's energy about its slow mean. */
    private void motion(short[] raw, int magnitude) {
        stepSignal = stepFilter.step(magnitude);
        stepEnergy = smooth(stepEnergy, ((long) stepSignal * stepSignal) << ENERGY_BITS, c.alphaPower);
        long sum = 0;
        for (int i = 0; i < 3; i++) {
            long g = (long) raw[3 + i] << ENERGY_BITS;
            gyroMean[i] = smooth(gyroMean[i], g, c.alphaGyroMean);
            long d = g - gyroMean[i]; // Q8 counts
            sum += (d * d) >> ENERGY_BITS; // Q8 counts^2
        }
        gyroEnergy = smooth(gyroEnergy, sum, c.alphaPower);
    }

    /** Marks steps on the band-passed |a| and decides whether the rhythm is a gait. */
    private void trackSteps(long tUs) {
        int h = c.stepHysteresis;
        if (!stepHigh && stepSignal > h) {
            stepHigh = true;
            stepHead = (stepHead + 1) % MAX_STEPS;
            stepTimes[stepHead] = tUs;
            stepCount = Math.min(stepCount + 1, MAX_STEPS);
            lastStepUs = tUs;
            judgeRhythm(tUs);
        } else if (stepHigh && stepSignal < -h) {
            stepHigh = false;
        }
        // A gait ends when the next step is well overdue.
        if (stepping && tUs - lastStepUs > Math.min(c.maxIntervalUs, stepIntervalUs * 2)) {
            stepping = false;
        }
    }

    /** On a new step: are the steps within the window regular and at a walking or running rate? */
    private void judgeRhythm(long tUs) {
        long oldestAllowed = tUs - c.stepWindowUs;
        int n = 1;
        long shortest = Long.MAX_VALUE;
        long longest = 0;
        long newer = stepTimes[stepHead];
        long oldest = newer;
        for (int k = 1; k < stepCount; k++) {
            long t = stepTimes[(stepHead - k + MAX_STEPS) % MAX_STEPS];
            if (t < oldestAllowed) {
                break;
            }
            long interval = newer - t;
            shortest = Math.min(shortest, interval);
            longest = Math.max(longest, interval);
            newer = t;
            oldest = t;
            n++;
        }
        ActivityParams p = c.params;
        boolean regular = n >= p.minSteps() && shortest >= c.minIntervalUs && longest <= c.maxIntervalUs
                && longest * 100 <= shortest * c.regularityPct;
        stepping = regular;
        if (regular) {
            stepIntervalUs = (tUs - oldest) / (n - 1);
            stepRateCentiHz = (int) (100_000_000L / stepIntervalUs);
        }
    }

    /** This sample's class, before hold times. */
    private Activity instant() {
        if (stepping && stepEnergy >= c.walkEnergy) {
            return stepEnergy >= c.jogEnergy ? Activity.JOGGING : Activity.WALKING;
        }
        // A ride: vibration above the step band's energy (walking's harmonics leak into the vibration
        // band, but its step band is far stronger), with little rotation.
        if (vibrationEnergy >= c.vibrationEnergy && vibrationEnergy >= stepEnergy
                && gyroEnergy <= c.vehicleGyroEnergy) {
            return Activity.VEHICLE;
        }
        if (gyroEnergy >= c.lightGyroEnergy || stepEnergy >= c.lightEnergy) {
            return Activity.LIGHT;
        }
        return Activity.STILL;
    }

    /** Hold times: moving classes outlast their evidence; vehicle needs a run of vibration first. */
    private Activity hold(long tUs, Activity now) {
        if (now == Activity.WALKING || now == Activity.JOGGING) {
            if (lastMoving != now) {
                lastMoving = now; // reference stores (GC barriers) only on a change
            }
            movingUntilUs = tUs + c.movingHoldUs;
            vehicleUntilUs = Long.MIN_VALUE; // walking off the bus ends the ride
            vibrationSinceUs = Long.MIN_VALUE;
            return setActivity(now);
        }
        if (now == Activity.VEHICLE) {
            if (vibrationSinceUs == Long.MIN_VALUE) {
                vibrationSinceUs = tUs;
            }
            if (tUs - vibrationSinceUs >= c.vehicleEnterUs) {
                vehicleUntilUs = tUs + c.vehicleHoldUs;
            }
        } else {
            vibrationSinceUs = Long.MIN_VALUE;
        }
        if (now == Activity.LIGHT) {
            lightUntilUs = tUs + c.lightHoldUs;
        }
        if (tUs < movingUntilUs) {
            return setActivity(lastMoving);
        } else if (tUs < vehicleUntilUs) {
            return setActivity(Activity.VEHICLE);
        } else if (now == Activity.LIGHT || now == Activity.VEHICLE || tUs < lightUntilUs) {
            return setActivity(Activity.LIGHT); // vibration not (yet) long enough to be a ride: motion in place
        }
        return setActivity(Activity.STILL);
    }

    private Activity setActivity(Activity next) {
        if (activity != next) {
            activity = next; // a reference store (GC barrier) only on a change
        }
        return next;
    }

    /**
     * sqrt(x) rounded, for 0 &lt;= x &lt; 2^34 (|a|^2 of int16 counts is below 2^32): 2^62 / sqrt(x) from
     * {@link FixedMath#invSqrt62Fast} (2e-6 relative, no division) times x. Off by at most one count
     * from the exact root at 16 g full scale (32768 counts); |a| is only filtered afterwards.
     */
    static int magnitude(long x) {
        if (x <= 0) {
            return 0;
        }
        // x * 2^28 * (2^62 / sqrt(x)) / 2^64 = sqrt(x) * 2^26
        long s = Math.multiplyHigh(x << 28, FixedMath.invSqrt62Fast(x));
        return (int) ((s + (1L << 25)) >> 26);
    }

    private static long smooth(long state, long target, long alphaQ20) {
        return state + (((target - state) * alphaQ20) >> ALPHA_BITS);
    }

    // ---- read-outs (for the geometry stage and for diagnostics) ----

    /** The activity after the last {@link #step}. */
    public Activity activity() {
        return activity;
    }

    /** True while a regular gait is under way (no hold time): the geometry stage learns from these samples. */
    public boolean stepping() {
        return stepping;
    }

    /** Step rate of the current gait, 0.01 Hz (valid while {@link #stepping()}). */
    public int stepRateCentiHz() {
        return stepRateCentiHz;
    }

    /** |a| of the last feature sample (every {@code floor(rate / 50)}-th), counts. */
    public int accelMagnitude() {
        return accelMagnitude;
    }

    /** RMS of the step band of |a|, milli-g (allocation-free, for diagnostics; uses a square root). */
    public int stepRmsMilliG(int accelLsbPerG) {
        return rmsMilli(stepEnergy, accelLsbPerG);
    }

    /** RMS of the vibration band of |a|, milli-g. */
    public int vibrationRmsMilliG(int accelLsbPerG) {
        return rmsMilli(vibrationEnergy, accelLsbPerG);
    }

    /** RMS of the gyro about its slow mean, 0.001 deg/s. */
    public int gyroRmsMilliDps(int gyroLsbPerDpsX10) {
        return (int) (FixedMath.isqrt(gyroEnergy * 1_000_000L >> ENERGY_BITS) * 10L / gyroLsbPerDpsX10);
    }

    private static int rmsMilli(long energyQ8, int lsbPerUnit) {
        return (int) (FixedMath.isqrt(energyQ8 * 1_000_000L >> ENERGY_BITS) / lsbPerUnit);
    }
}
