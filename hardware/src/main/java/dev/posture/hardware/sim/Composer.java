package dev.posture.hardware.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns segments into tracks, oscillator banks and tables ({@link Plan}). Build-time only: it may
 * allocate freely. Every random choice comes from one {@link SplittableRandom} seeded by the
 * scenario, in segment order, so the same script and seed give bit-identical motion.
 *
 * <p>Each segment starts with the transition it needs (a stance change: sitting down, standing up,
 * lying down) and minimum-jerk moves to its own posture; episodes return to where they started
 * before they end. {@link #add} returns the segment's steady part (the hold of a lean, the settled
 * part of standing), which the scenario uses for its calibration windows.
 */
final class Composer {
    /** Upright stances and what they mean for the hips and the background sway. */
    enum Stance {
        STANDING(0.95, 1.0),
        SITTING(0.50, 0.5),
        LYING(0.45, 0.25);

        final double hipHeightM; // hip (torso pivot) height above the floor
        final double sway;       // gain of the physiological sway bank

        Stance(double hipHeightM, double sway) {
            this.hipHeightM = hipHeightM;
            this.sway = sway;
        }
    }

    private static final double POSTURE_BLEND_S = 1.5; // default time to settle into a posture
    private static final double SIT_STAND_S = 2.0;      // sitting down or standing up
    private static final double LIE_S = 3.0;            // lying down or getting up
    private static final double SIT_STAND_LEAN_DEG = 18; // forward lean while sitting down/standing up

    private final SplittableRandom rng;
    private final double microMotion; // scale of sway, breathing and typing (1 = typical)
    private final Track.Builder[] tracks = new Track.Builder[Channel.COUNT];
    private final List<Track.Builder> gains = new ArrayList<>();
    private final List<BankSpec> banks = new ArrayList<>();
    private final int swayGain;
    private final int typingGain;
    private final List<Mount> mounts = new ArrayList<>();
    private final List<Double> reclipStart = new ArrayList<>();
    private final List<Double> reclipDuration = new ArrayList<>();
    private final List<Double> spanStart = new ArrayList<>();
    private final List<SegmentKind> spanKind = new ArrayList<>();
    private final List<Double> offStart = new ArrayList<>();
    private final List<Double> offEnd = new ArrayList<>();
    private Stance stance = Stance.STANDING;
    private double t; // start of the next segment (s)

    private record BankSpec(Channel channel, int gain, double[] amplitude, double[] omega, double[] phase) {
    }

    Composer(long seed, Mount mount, double microMotion) {
        this.rng = new SplittableRandom(seed);
        this.microMotion = microMotion;
        this.mounts.add(mount);
        for (Channel c : Channel.values()) {
            tracks[c.ordinal()] = new Track.Builder(0);
        }
        tracks[Channel.HEIGHT.ordinal()] = new Track.Builder(Stance.STANDING.hipHeightM);
        tracks[Channel.HEADING.ordinal()] = new Track.Builder(rng.nextDouble(-Math.PI, Math.PI));
        swayGain = newGain(Stance.STANDING.sway);
        int breathingGain = newGain(1);
        typingGain = newGain(0);
        // Drawn even when micro-motion is off, so the rest of the script sees the same random numbers.
        addSway();
        addBreathing(breathingGain);
        addTyping();
    }

    /** Appends one segment; returns its steady window {start, end} in seconds. */
    double[] add(Segment segment) {
        double start = t;
        double end = start + segment.durationS();
        spanStart.add(start);
        spanKind.add(segment.kind());
        double[] steady;
        if (segment instanceof Segment.Standing) {
            steady = settle(start, end, Stance.STANDING, 0, 0, 0, 0);
        } else if (segment instanceof Segment.Sitting) {
            steady = settle(start, end, Stance.SITTING, 1, 0, 0, 0);
        } else if (segment instanceof Segment.DeskTyping) {
            steady = deskTyping(start, end);
        } else if (segment instanceof Segment.LeanForward s) {
            steady = leanForward(start, end, s.angleDeg());
        } else if (segment instanceof Segment.ForwardDrift s) {
            steady = forwardDrift(start, end, s);
        } else if (segment instanceof Segment.PhoneLook s) {
            steady = phoneLook(start, end, s.angleDeg());
        } else if (segment instanceof Segment.Reach s) {
            steady = reach(start, end, s.angleDeg());
        } else if (segment instanceof Segment.Bend s) {
            steady = bend(start, end, s.angleDeg());
        } else if (segment instanceof Segment.Walk s) {
            steady = gait(start, end, s.stepHz(), s.speedMps(), s.turnDeg(), false);
        } else if (segment instanceof Segment.Jog s) {
            steady = gait(start, end, s.stepHz(), s.speedMps(), 0, true);
        } else if (segment instanceof Segment.Bus) {
            steady = bus(start, end);
        } else if (segment instanceof Segment.Lying s) {
            steady = lying(start, end, s.pitchDeg(), s.rollDeg());
        } else if (segment instanceof Segment.LeanSideways s) {
            steady = leanSideways(start, end, s.rollDeg());
        } else if (segment instanceof Segment.SecondMonitor s) {
            steady = secondMonitor(start, end, s.yawDeg(), s.leanDeg());
        } else if (segment instanceof Segment.Reclip s) {
            steady = reclip(start, end, s.newMount());
        } else {
            throw new IllegalArgumentException("unknown segment " + segment);
        }
        t = end;
        return steady;
    }

    Plan build() {
        if (spanStart.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one segment");
        }
        Track[] built = new Track[Channel.COUNT];
        for (int i = 0; i < built.length; i++) {
            built[i] = tracks[i].build();
        }
        Track[] gainTracks = new Track[gains.size()];
        for (int i = 0; i < gainTracks.length; i++) {
            gainTracks[i] = gains.get(i).build();
        }
        OscillatorBank[] oscillators = new OscillatorBank[banks.size()];
        for (int i = 0; i < oscillators.length; i++) {
            BankSpec b = banks.get(i);
            oscillators[i] = new OscillatorBank(b.channel, b.gain, gainTracks[b.gain], b.amplitude, b.omega,
                    b.phase);
        }
        return new Plan(built, gainTracks, oscillators, mounts.toArray(new Mount[0]), toArray(reclipStart),
                toArray(reclipDuration), toArray(spanStart), spanKind.toArray(new SegmentKind[0]),
                toArray(offStart), toArray(offEnd), t);
    }

    // ---- segments ----------------------------------------------------------------------------

    /** Standing, sitting: change stance, settle into a posture, nothing else. */
    private double[] settle(double start, double end, Stance to, double pitchDeg, double rollDeg, double slouchDeg,
                            double typing) {
        double used = changeStance(start, end, to);
        double blend = Math.min(Math.max(used, POSTURE_BLEND_S), end - start);
        posture(start, blend, pitchDeg, rollDeg, slouchDeg, 0);
        gain(typingGain).moveTo(start, Math.min(1, end - start), typing);
        return new double[] {Math.min(start + blend + 1, end - 0.25), end - 0.25};
    }

    private double[] deskTyping(double start, double end) {
        double[] steady = settle(start, end, Stance.SITTING, 4, 0, 1, 1);
        // Glances around the screen and down at the keyboard every 8-15 s: yaw and a little slouch.
        double glance = steady[0] + rng.nextDouble(2, 6);
        while (glance + 6 < end) {
            double hold = rng.nextDouble(0.5, 2.5);
            double sign = rng.nextBoolean() ? 1 : -1;
            track(Channel.YAW_OFFSET).bump(glance, 0.8, hold, 0.8, Math.toRadians(sign * rng.nextDouble(4, 12)));
            track(Channel.SLOUCH).bump(glance, 0.8, hold, 0.8, Math.toRadians(rng.nextDouble(1, 3)));
            glance += rng.nextDouble(8, 15);
        }
        return steady;
    }

    private double[] leanForward(double start, double end, double angleDeg) {
        requireUpright("lean forward");
        double rise = 1.5;
        double fall = 1.5;
        double hold = end - start - rise - fall - 1.0;
        track(Channel.PITCH).bump(start, rise, hold, fall, Math.toRadians(angleDeg));
        return new double[] {start + rise + 0.25, start + rise + hold - 0.25};
    }

    private double[] forwardDrift(double start, double end, Segment.ForwardDrift s) {
        requireUpright("forward drift");
        double delta = Math.toRadians(s.peakDeg()) - forwardLevel();
        requireForwardGain("forward drift", s.peakDeg(), delta);
        double hold = end - start - s.riseS() - s.recoverS() - 1.0;
        track(Channel.SLOUCH).bump(start, s.riseS(), hold, s.recoverS(), delta);
        return new double[] {start + s.riseS(), start + s.riseS() + hold};
    }

    private double[] phoneLook(double start, double end, double angleDeg) {
        requireUpright("phone look");
        double delta = Math.toRadians(angleDeg) - forwardLevel();
        requireForwardGain("phone look", angleDeg, delta);
        double rise = 2;
        double fall = 2;
        double hold = end - start - rise - fall - 1.0;
        track(Channel.SLOUCH).bump(start, rise, hold, fall, delta);
        // The phone hand trembles a little, whatever the hands were doing before.
        double before = gain(typingGain).level();
        gain(typingGain).moveTo(start, rise, 0.6);
        gain(typingGain).moveTo(start + rise + hold, fall, before);
        return new double[] {start + rise, start + rise + hold};
    }

    private double[] reach(double start, double end, double angleDeg) {
        requireUpright("reach");
        double rise = Math.min(1.0, (end - start) / 3);
        double hold = end - start - 2 * rise - 0.2;
        track(Channel.PITCH).bump(start, rise, hold, rise, Math.toRadians(angleDeg));
        double side = rng.nextBoolean() ? 1 : -1;
        track(Channel.ROLL).bump(start, rise, hold, rise, Math.toRadians(side * rng.nextDouble(2, 6)));
        track(Channel.YAW_OFFSET).bump(start, rise, hold, rise, Math.toRadians(side * rng.nextDouble(5, 15)));
        return new double[] {start + rise, start + rise + hold};
    }

    private double[] bend(double start, double end, double angleDeg) {
        double used = changeStance(start, end, Stance.STANDING);
        double t0 = start + used;
        double rise = 1.2;
        double fall = 1.2;
        double hold = end - t0 - rise - fall - 0.4;
        requireTime("bend", hold, 0);
        track(Channel.PITCH).bump(t0, rise, hold, fall, Math.toRadians(angleDeg));
        track(Channel.SLOUCH).bump(t0, rise, hold, fall, Math.toRadians(8)); // the back rounds
        track(Channel.HEIGHT).bump(t0, rise, hold, fall, -0.15);             // the knees bend
        return new double[] {t0 + rise, t0 + rise + hold};
    }

    /** Walking or jogging: stand, lean a little, speed up, bounce and sway at the step rate, stop. */
    private double[] gait(double start, double end, double stepHz, double speedMps, double turnDeg, boolean jog) {
        double used = changeStance(start, end, Stance.STANDING);
        double t0 = start + used;
        double ramp = jog ? 3.0 : 2.0; // speeding up and slowing down (s)
        double stop = end - 0.3;       // standing still from here
        requireTime(jog ? "jog" : "walk", stop - ramp - (t0 + ramp), 2);
        posture(t0, POSTURE_BLEND_S, jog ? 7 : 3, 0, 0, 0);
        track(Channel.PITCH).moveTo(stop - POSTURE_BLEND_S, POSTURE_BLEND_S, 0);
        track(Channel.SPEED).moveTo(t0, ramp, speedMps);
        track(Channel.SPEED).moveTo(stop - ramp, ramp, 0);
        gain(typingGain).moveTo(start, 1, 0);
        gain(swayGain).moveTo(t0, ramp, 0.3);
        gain(swayGain).moveTo(stop - ramp, ramp, Stance.STANDING.sway);
        if (turnDeg != 0) {
            double turnS = 4;
            double mid = (t0 + stop) / 2;
            track(Channel.HEADING).moveBy(mid - turnS / 2, turnS, Math.toRadians(turnDeg));
        }
        int g = newGain(0);
        gain(g).moveTo(t0, ramp, 1);
        gain(g).moveTo(stop - ramp, ramp, 0);
        double step = 2 * Math.PI * stepHz; // rad/s; vertical bounce once per step, sway once per stride
        double stride = step / 2;
        double phase = rng.nextDouble(0, 2 * Math.PI);
        double k = jog ? 1 : 0;
        bank(Channel.HEIGHT, g, new double[] {lerp(0.022, 0.040, k), lerp(0.002, 0.005, k)},
                new double[] {step, 2 * step}, new double[] {phase, 2 * phase + 0.5});
        bank(Channel.SURGE, g, new double[] {lerp(0.008, 0.012, k)}, new double[] {step},
                new double[] {phase + Math.PI / 2});
        bank(Channel.LATERAL, g, new double[] {lerp(0.015, 0.020, k)}, new double[] {stride},
                new double[] {phase / 2});
        bank(Channel.YAW_OFFSET, g, new double[] {Math.toRadians(lerp(3, 4, k))}, new double[] {stride},
                new double[] {phase / 2 + 0.3});
        bank(Channel.ROLL, g, new double[] {Math.toRadians(lerp(2, 3, k))}, new double[] {stride},
                new double[] {phase / 2 - 0.4});
        bank(Channel.PITCH, g, new double[] {Math.toRadians(lerp(1, 2, k))}, new double[] {step},
                new double[] {phase + 0.8});
        return new double[] {t0 + ramp + 1, stop - ramp - 1};
    }

    /** A seated bus ride: vibration, a route of accelerations, turns and stops, and the body's response. */
    private double[] bus(double start, double end) {
        double used = changeStance(start, end, Stance.SITTING);
        posture(start, Math.max(used, POSTURE_BLEND_S), 2, 0, 0, 0);
        gain(typingGain).moveTo(start, 1, 0);
        gain(swayGain).moveTo(start, Math.max(used, POSTURE_BLEND_S), 0.4);
        int vib = newGain(0);
        gain(vib).moveTo(start, 2, 1);
        gain(vib).moveTo(end - 2, 2, 0);
        vibration(Channel.HEIGHT, vib, 24, 0.45, false);
        vibration(Channel.SURGE, vib, 16, 0.20, false);
        vibration(Channel.LATERAL, vib, 16, 0.20, false);
        vibration(Channel.PITCH, vib, 12, Math.toRadians(1.0), true);
        vibration(Channel.ROLL, vib, 12, Math.toRadians(1.0), true);
        // Low-frequency rocking of the seated body on the suspension.
        bank(Channel.ROLL, vib, randomAmplitudes(3, Math.toRadians(0.8)), randomOmegas(3, 0.3, 1.2),
                randomPhases(3));
        bank(Channel.PITCH, vib, randomAmplitudes(3, Math.toRadians(0.5)), randomOmegas(3, 0.3, 1.2),
                randomPhases(3));

        double lean = Math.toRadians(1.5); // body pitch response per m/s^2 of longitudinal acceleration
        double r = start + used + 3;       // waiting at the first stop
        double firstStart = r;
        while (true) {
            double speed = rng.nextDouble(5, 7);
            double accelPeak = rng.nextDouble(1.2, 1.9);
            double brakePeak = rng.nextDouble(1.2, 1.9);
            double accelS = MinJerk.PEAK_DS * speed / accelPeak;
            double brakeS = MinJerk.PEAK_DS * speed / brakePeak;
            boolean turn = rng.nextDouble() < 0.6;
            double turnS = rng.nextDouble(9, 12);
            double cruiseS = rng.nextDouble(8, 20) + (turn ? turnS : 0);
            double stopS = rng.nextDouble(5, 12);
            double cycleEnd = r + accelS + cruiseS + brakeS + stopS;
            if (cycleEnd > end - 3 && r > firstStart) {
                break;
            }
            requireTime("bus", end - 3 - (r + accelS + cruiseS + brakeS), 0);
            track(Channel.SPEED).moveTo(r, accelS, speed);
            track(Channel.PITCH).bump(r, accelS / 2, 0, accelS / 2, -lean * accelPeak);
            double cruise = r + accelS;
            if (turn) {
                double angle = (rng.nextBoolean() ? 1 : -1) * Math.PI / 2;
                double turnStart = cruise + (cruiseS - turnS) / 2;
                track(Channel.HEADING).moveBy(turnStart, turnS, angle);
                double lateralPeak = speed * MinJerk.PEAK_DS * Math.abs(angle) / turnS;
                // Turning left pushes the body to the right (positive roll), and vice versa.
                track(Channel.ROLL).bump(turnStart, turnS / 2, 0, turnS / 2,
                        Math.signum(angle) * lean * lateralPeak);
            }
            double brake = cruise + cruiseS;
            track(Channel.SPEED).moveTo(brake, brakeS, 0);
            track(Channel.PITCH).bump(brake, brakeS / 2, 0, brakeS / 2, lean * brakePeak);
            r = brake + brakeS + stopS;
        }
        return new double[] {start + used + 3, end - 3};
    }

    private double[] lying(double start, double end, double pitchDeg, double rollDeg) {
        double used = changeStance(start, end, Stance.LYING);
        double blend = Math.max(used, 2.0);
        requireTime("lying", end - start - blend, 1);
        posture(start, blend, pitchDeg, rollDeg, 0, 0);
        gain(typingGain).moveTo(start, 1, 0);
        return new double[] {start + blend + 1, end};
    }

    private double[] leanSideways(double start, double end, double rollDeg) {
        requireUpright("lean sideways");
        double rise = 1.5;
        double hold = end - start - 2 * rise - 0.5;
        track(Channel.ROLL).bump(start, rise, hold, rise, Math.toRadians(rollDeg));
        track(Channel.PITCH).bump(start, rise, hold, rise, Math.toRadians(2));
        return new double[] {start + rise, start + rise + hold};
    }

    private double[] secondMonitor(double start, double end, double yawDeg, double leanDeg) {
        requireUpright("second monitor");
        double rise = 1.5;
        double hold = end - start - 2 * rise - 0.5;
        track(Channel.YAW_OFFSET).bump(start, rise, hold, rise, Math.toRadians(yawDeg));
        track(Channel.PITCH).bump(start, rise, hold, rise, Math.toRadians(leanDeg));
        track(Channel.ROLL).bump(start, rise, hold, rise, Math.toRadians(-2 * Math.signum(yawDeg)));
        return new double[] {start + rise, start + rise + hold};
    }

    /** Off the collar, turned in the hand, clipped back on as {@code to}. */
    private double[] reclip(double start, double end, Mount to) {
        double off = start + 0.5;
        double on = end - 0.5;
        double lift = 1.0; // s to move the clip away and to bring it back
        track(Channel.HAND).bump(off, lift, on - off - 2 * lift, lift, 0.25);
        int wobble = newGain(0);
        gain(wobble).bump(off, lift, on - off - 2 * lift, lift, 1);
        bank(Channel.WOBBLE_X, wobble, randomAmplitudes(3, Math.toRadians(6)), randomOmegas(3, 0.4, 1.5),
                randomPhases(3));
        bank(Channel.WOBBLE_Y, wobble, randomAmplitudes(3, Math.toRadians(6)), randomOmegas(3, 0.4, 1.5),
                randomPhases(3));
        reclipStart.add(off + 0.5);
        reclipDuration.add(on - off - 1.0);
        mounts.add(to);
        offStart.add(off);
        offEnd.add(on);
        return new double[] {off, on};
    }

    // ---- building blocks ---------------------------------------------------------------------

    /** Moves to a new stance (hips up or down, a lean while sitting down or standing up); returns s used. */
    private double changeStance(double start, double end, Stance to) {
        if (stance == to) {
            return 0;
        }
        double dur = stance == Stance.LYING || to == Stance.LYING ? LIE_S : SIT_STAND_S;
        requireTime("stance change to " + to.name().toLowerCase(java.util.Locale.ROOT), end - start - dur, 0.5);
        track(Channel.HEIGHT).moveTo(start, dur, to.hipHeightM);
        if (stance != Stance.LYING && to != Stance.LYING) {
            track(Channel.PITCH).bump(start, dur / 2, 0, dur / 2, Math.toRadians(SIT_STAND_LEAN_DEG));
        }
        gain(swayGain).moveTo(start, dur, to.sway);
        stance = to;
        return dur;
    }

    /** Blends the torso to an absolute posture (deg) over {@code dur} from {@code start}. */
    private void posture(double start, double dur, double pitchDeg, double rollDeg, double slouchDeg, double yawDeg) {
        track(Channel.PITCH).moveTo(start, dur, Math.toRadians(pitchDeg));
        track(Channel.ROLL).moveTo(start, dur, Math.toRadians(rollDeg));
        track(Channel.SLOUCH).moveTo(start, dur, Math.toRadians(slouchDeg));
        track(Channel.YAW_OFFSET).moveTo(start, dur, Math.toRadians(yawDeg));
        if (stance != Stance.LYING) {
            gain(swayGain).moveTo(start, dur, stance.sway);
        }
    }

    /** The forward angle (rad) the posture settles at once its moves complete (small roll assumed). */
    private double forwardLevel() {
        return track(Channel.PITCH).level() + track(Channel.SLOUCH).level();
    }

    private void addSway() {
        // Quiet-standing sway: a few tenths of a degree and a few millimetres, 0.08-0.6 Hz.
        backgroundBank(Channel.PITCH, swayGain, randomAmplitudes(6, Math.toRadians(0.35)),
                randomOmegas(6, 0.08, 0.6), randomPhases(6));
        backgroundBank(Channel.ROLL, swayGain, randomAmplitudes(6, Math.toRadians(0.25)),
                randomOmegas(6, 0.08, 0.6), randomPhases(6));
        backgroundBank(Channel.YAW_OFFSET, swayGain, randomAmplitudes(6, Math.toRadians(0.4)),
                randomOmegas(6, 0.05, 0.5), randomPhases(6));
        backgroundBank(Channel.SURGE, swayGain, randomAmplitudes(5, 0.003), randomOmegas(5, 0.05, 0.5),
                randomPhases(5));
        backgroundBank(Channel.LATERAL, swayGain, randomAmplitudes(5, 0.002), randomOmegas(5, 0.05, 0.5),
                randomPhases(5));
    }

    private void addBreathing(int gain) {
        // 12-18 breaths a minute: the thorax extends a little and rises a millimetre or two.
        double w = 2 * Math.PI * rng.nextDouble(0.2, 0.3);
        double p = rng.nextDouble(0, 2 * Math.PI);
        backgroundBank(Channel.SLOUCH, gain, new double[] {Math.toRadians(-0.25), Math.toRadians(0.05)},
                new double[] {w, 2 * w}, new double[] {p, 2 * p});
        backgroundBank(Channel.HEIGHT, gain, new double[] {0.0015}, new double[] {w}, new double[] {p});
    }

    private void addTyping() {
        // Key strokes and mouse work shake the upper body by a few hundredths of a degree, 2-7 Hz.
        for (Channel c : new Channel[] {Channel.PITCH, Channel.ROLL, Channel.YAW_OFFSET, Channel.SLOUCH}) {
            backgroundBank(c, typingGain, randomAmplitudes(5, Math.toRadians(0.04)), randomOmegas(5, 2, 7),
                    randomPhases(5));
        }
    }

    /**
     * Broadband vibration with {@code n} random tones in 5-20 Hz; {@code rms} is the RMS of the
     * second derivative (m/s^2 for lengths) or, when {@code rateRms}, of the first (rad/s for angles).
     */
    private void vibration(Channel channel, int gain, int n, double rms, boolean rateRms) {
        double[] omega = randomOmegas(n, 5, 20);
        double[] amp = randomAmplitudes(n, rms);
        for (int i = 0; i < n; i++) {
            amp[i] /= rateRms ? omega[i] : omega[i] * omega[i];
        }
        bank(channel, gain, amp, omega, randomPhases(n));
    }

    private double[] randomAmplitudes(int n, double rms) {
        double[] a = new double[n];
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextDouble(0.5, 1.5);
            sumSq += a[i] * a[i];
        }
        double scale = rms * Math.sqrt(2 / sumSq); // a sum of sinusoids has RMS sqrt(sum a^2 / 2)
        for (int i = 0; i < n; i++) {
            a[i] *= scale;
        }
        return a;
    }

    private double[] randomOmegas(int n, double loHz, double hiHz) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 2 * Math.PI * rng.nextDouble(loHz, hiHz);
        }
        return w;
    }

    private double[] randomPhases(int n) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = rng.nextDouble(0, 2 * Math.PI);
        }
        return p;
    }

    private void bank(Channel channel, int gain, double[] amplitude, double[] omega, double[] phase) {
        banks.add(new BankSpec(channel, gain, amplitude, omega, phase));
    }

    /** A physiological background bank (sway, breathing, typing), scaled by the micro-motion factor. */
    private void backgroundBank(Channel channel, int gain, double[] amplitude, double[] omega, double[] phase) {
        if (microMotion == 0) {
            return;
        }
        double[] a = amplitude.clone();
        for (int i = 0; i < a.length; i++) {
            a[i] *= microMotion;
        }
        bank(channel, gain, a, omega, phase);
    }

    private int newGain(double initial) {
        gains.add(new Track.Builder(initial));
        return gains.size() - 1;
    }

    private Track.Builder gain(int index) {
        return gains.get(index);
    }

    private Track.Builder track(Channel c) {
        return tracks[c.ordinal()];
    }

    private void requireUpright(String what) {
        if (stance == Stance.LYING) {
            throw new IllegalArgumentException(what + " at " + t + " s needs an upright stance, not lying");
        }
    }

    private void requireForwardGain(String what, double targetDeg, double deltaRad) {
        if (deltaRad < Math.toRadians(1)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s at %.1f s: %.1f deg is not forward of the current posture (%.1f deg)", what, t, targetDeg,
                    Math.toDegrees(forwardLevel())));
        }
    }

    private void requireTime(String what, double spare, double min) {
        if (spare < min) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s at %.1f s is %.1f s too short", what, t, min - spare));
        }
    }

    private static double lerp(double a, double b, double k) {
        return a + (b - a) * k;
    }

    private static double[] toArray(List<Double> list) {
        double[] a = new double[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
