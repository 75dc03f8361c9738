package dev.posture.device.pipeline.posture;

import dev.posture.device.pipeline.event.EventRecord;
import dev.posture.device.pipeline.event.EventRing;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.message.PostureState;
import java.util.ArrayList;
import java.util.List;

/**
 * A test bench: steps a {@link PostureStage} sample by sample at a fixed rate with a synthetic wearer
 * whose fields the test sets, and records every event and pattern with the index of the sample that
 * raised it. Sample k has the time {@code T0_US + k * periodUs}, exactly (the rates used divide one
 * second evenly), so "the sample where the dwell expires" is a whole number the tests can name.
 */
final class Bench {
    /** Time of sample 0, us: not zero, so nothing can lean on time starting at 0. */
    static final long T0_US = 7_000_000;

    /** One event with the index of the sample that raised it. */
    record Ev(long sample, long sequence, EventType type, long tUs, int angle, long d0, long d1, long d2, long d3) {
    }

    /** One requested pattern with its sample. */
    record Pat(long sample, PatternRequest pattern) {
    }

    final int rateHz;
    final long periodUs;
    final EventRing ring = new EventRing(4096, 0);
    final PostureStage stage;
    /** The wearer: the test sets its fields between runs. */
    final PostureInput in = new PostureInput();
    final List<Ev> events = new ArrayList<>();
    final List<Pat> patterns = new ArrayList<>();
    final List<PostureState> states = new ArrayList<>();
    private final EventRecord out = new EventRecord();
    /** Index of the next sample to step. */
    long next;

    Bench(PostureParams params, int rateHz) {
        if (1_000_000 % rateHz != 0) {
            throw new IllegalArgumentException("rate must divide 1 s: " + rateHz);
        }
        this.rateHz = rateHz;
        this.periodUs = 1_000_000 / rateHz;
        this.stage = new PostureStage(params, ring);
        sitting(0);
    }

    /** Calibrated, sensor fine, upright, still, at {@code forwardCentiDeg}; no re-clip. */
    Bench sitting(int forwardCentiDeg) {
        in.calibrated = true;
        in.sensorOk = true;
        in.upright = true;
        in.needsRecalibration = false;
        in.activity = PostureInput.ACTIVITY_STILL;
        in.forwardCentiDeg = forwardCentiDeg;
        in.sidewaysCentiDeg = 0;
        in.tiltCentiDeg = Math.abs(forwardCentiDeg);
        return this;
    }

    Bench forward(int centiDeg) {
        in.forwardCentiDeg = centiDeg;
        return this;
    }

    /** Samples in {@code seconds} at this rate. */
    long samples(double seconds) {
        return Math.round(seconds * rateHz);
    }

    /** Steps {@code seconds} worth of samples with the wearer as set. */
    Bench run(double seconds) {
        return steps(samples(seconds));
    }

    Bench steps(long n) {
        for (long i = 0; i < n; i++) {
            step();
        }
        return this;
    }

    void step() {
        in.tUs = T0_US + next * periodUs;
        stage.step(in);
        states.add(stage.state());
        if (stage.pattern() != PatternRequest.NONE) {
            patterns.add(new Pat(next, stage.pattern()));
        }
        while (ring.poll(out)) {
            events.add(new Ev(next, out.sequence(), out.type(), out.tUs(), out.angleCentiDeg(), out.d0(), out.d1(),
                    out.d2(), out.d3()));
        }
        next++;
    }

    PostureState lastState() {
        return states.get(states.size() - 1);
    }

    PostureState stateAt(long sample) {
        return states.get((int) sample);
    }

    List<Ev> events(EventType type) {
        List<Ev> list = new ArrayList<>();
        for (Ev e : events) {
            if (e.type() == type) {
                list.add(e);
            }
        }
        return list;
    }

    List<Long> eventSamples(EventType type) {
        List<Long> list = new ArrayList<>();
        for (Ev e : events(type)) {
            list.add(e.sample());
        }
        return list;
    }

    List<Long> patternSamples(PatternRequest pattern) {
        List<Long> list = new ArrayList<>();
        for (Pat p : patterns) {
            if (p.pattern() == pattern) {
                list.add(p.sample());
            }
        }
        return list;
    }

    long timeOf(long sample) {
        return T0_US + sample * periodUs;
    }
}
