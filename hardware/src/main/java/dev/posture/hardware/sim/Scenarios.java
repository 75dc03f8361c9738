package dev.posture.hardware.sim;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * The named scenarios that ship with the simulator: a compressed desk day and one per activity.
 * Each begins with a calibration (stand tall, lean forward, stand) so the firmware can learn its
 * neutral and forward direction, and each uses its own clip mount so nothing downstream can assume
 * which sensor axis points where. Seconds below are simulated time.
 */
public final class Scenarios {
    /** Seed used by {@link #named(String)}. */
    public static final long DEFAULT_SEED = 1;

    private static final Map<String, LongFunction<Scenario>> REGISTRY = new TreeMap<>();

    static {
        REGISTRY.put("desk-day", Scenarios::deskDay);
        REGISTRY.put("standing", Scenarios::standing);
        REGISTRY.put("drift", Scenarios::drift);
        REGISTRY.put("phone", Scenarios::phone);
        REGISTRY.put("reach", Scenarios::reach);
        REGISTRY.put("bending", Scenarios::bending);
        REGISTRY.put("walking", Scenarios::walking);
        REGISTRY.put("jogging", Scenarios::jogging);
        REGISTRY.put("bus", Scenarios::bus);
        REGISTRY.put("lying", Scenarios::lying);
        REGISTRY.put("sideways", Scenarios::sideways);
        REGISTRY.put("second-monitor", Scenarios::secondMonitor);
        REGISTRY.put("reclip", Scenarios::reclip);
    }

    private Scenarios() {
    }

    /** The registered names, sorted. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /** The scenario called {@code name} with {@link #DEFAULT_SEED}. */
    public static Scenario named(String name) {
        return named(name, DEFAULT_SEED);
    }

    /** The scenario called {@code name}; throws IllegalArgumentException listing the valid names. */
    public static Scenario named(String name, long seed) {
        LongFunction<Scenario> factory = name == null ? null : REGISTRY.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown scenario '" + name + "'; valid names: "
                    + String.join(", ", REGISTRY.keySet()));
        }
        return factory.apply(seed);
    }

    /**
     * A compressed desk workday (about 18 minutes): calibration, typing with forward drift episodes,
     * reaches and a phone look, a walk to a meeting with a dropped pen, a walk to the bus stop, a bus
     * ride, a walk back, a second-monitor session, a sideways reach to a drawer, the sofa, a re-clip
     * upside down with a fresh calibration, and one more drift.
     */
    public static Scenario deskDay(long seed) {
        return Scenario.builder("desk-day", seed).mount(Mount.CLIP_TILTED)
                .calibrate() // 0-24 s
                .then(new Segment.DeskTyping(40),
                        new Segment.ForwardDrift(75, 22, 30, 3),   // cue expected
                        new Segment.DeskTyping(25),
                        new Segment.Reach(4, 25),
                        new Segment.DeskTyping(15),
                        new Segment.Reach(3, 30),
                        new Segment.DeskTyping(20),
                        new Segment.PhoneLook(30, 25),             // cue expected
                        new Segment.DeskTyping(20),
                        new Segment.ForwardDrift(80, 20, 40, 3),   // cue expected
                        new Segment.Walk(60, 1.9, 1.3, 90),        // to a meeting
                        new Segment.Standing(6),
                        new Segment.Bend(5, 75),                   // a dropped pen
                        new Segment.Walk(30, 1.85, 1.2, -90),
                        new Segment.Sitting(40),
                        new Segment.ForwardDrift(50, 19, 20, 3),   // cue expected
                        new Segment.Walk(30, 1.95, 1.4, 0),        // to the bus stop
                        new Segment.Standing(15),
                        new Segment.Bus(150),
                        new Segment.Walk(30, 1.9, 1.3, 180),
                        new Segment.DeskTyping(15),
                        new Segment.SecondMonitor(40, 45, 3),
                        new Segment.DeskTyping(15),
                        new Segment.SecondMonitor(30, -35, 0),
                        new Segment.LeanSideways(8, 20),           // a drawer to the right
                        new Segment.DeskTyping(10),
                        new Segment.Lying(60),                     // the sofa
                        new Segment.Sitting(10),
                        new Segment.Reclip(6, Mount.UPSIDE_DOWN))
                .calibrate() // after the re-clip
                .then(new Segment.DeskTyping(20),
                        new Segment.ForwardDrift(60, 22, 25, 3),   // cue expected
                        new Segment.DeskTyping(20))
                .build();
    }

    /** Standing tall for a minute after calibration: nothing should ever cue. */
    public static Scenario standing(long seed) {
        return Scenario.builder("standing", seed).mount(Mount.UPRIGHT)
                .calibrate()
                .then(new Segment.Standing(60))
                .build();
    }

    /** Seated drift episodes: two that should cue (22 and 20 deg) and one that stays under (10 deg). */
    public static Scenario drift(long seed) {
        return Scenario.builder("drift", seed).mount(Mount.random(seed))
                .calibrate()
                .then(new Segment.DeskTyping(30),
                        new Segment.ForwardDrift(90, 22, 40, 3),
                        new Segment.DeskTyping(30),
                        new Segment.ForwardDrift(60, 10, 25, 3),
                        new Segment.DeskTyping(20),
                        new Segment.ForwardDrift(80, 20, 30, 4),
                        new Segment.DeskTyping(20))
                .build();
    }

    /** Looking down at a phone standing, then seated: both should cue. */
    public static Scenario phone(long seed) {
        return Scenario.builder("phone", seed).mount(Mount.FACING_BACKWARD)
                .calibrate()
                .then(new Segment.Standing(10),
                        new Segment.PhoneLook(40, 28),
                        new Segment.Standing(10),
                        new Segment.Sitting(10),
                        new Segment.PhoneLook(40, 24),
                        new Segment.Sitting(10))
                .build();
    }

    /** Brief reaches from the desk: none lasts long enough to cue. */
    public static Scenario reach(long seed) {
        return Scenario.builder("reach", seed).mount(Mount.CLIP_TILTED)
                .calibrate()
                .then(new Segment.DeskTyping(20),
                        new Segment.Reach(3, 25),
                        new Segment.DeskTyping(10),
                        new Segment.Reach(5, 35),
                        new Segment.DeskTyping(10),
                        new Segment.Reach(2, 20),
                        new Segment.DeskTyping(10))
                .build();
    }

    /** Bending to pick things up, three times. */
    public static Scenario bending(long seed) {
        return Scenario.builder("bending", seed).mount(Mount.ROTATED_90_ABOUT_FORWARD)
                .calibrate()
                .then(new Segment.Standing(5),
                        new Segment.Bend(5, 80),
                        new Segment.Standing(8),
                        new Segment.Bend(4, 60),
                        new Segment.Standing(8),
                        new Segment.Bend(6, 95),
                        new Segment.Standing(5))
                .build();
    }

    /** A minute of walking with a 90-degree turn. */
    public static Scenario walking(long seed) {
        return Scenario.builder("walking", seed).mount(Mount.ROTATED_90_ABOUT_FORWARD)
                .calibrate()
                .then(new Segment.Walk(60, 1.9, 1.3, 90),
                        new Segment.Standing(5))
                .build();
    }

    /** A minute of jogging. */
    public static Scenario jogging(long seed) {
        return Scenario.builder("jogging", seed).mount(Mount.CLIP_TILTED)
                .calibrate()
                .then(new Segment.Jog(60, 2.7, 2.8),
                        new Segment.Standing(5))
                .build();
    }

    /** Three minutes on a city bus, upside-down clip. */
    public static Scenario bus(long seed) {
        return Scenario.builder("bus", seed).mount(Mount.UPSIDE_DOWN)
                .calibrate()
                .then(new Segment.Bus(180),
                        new Segment.Standing(5))
                .build();
    }

    /** Lying on the back, then on the side, then up again. */
    public static Scenario lying(long seed) {
        return Scenario.builder("lying", seed).mount(Mount.random(seed + 1))
                .calibrate()
                .then(new Segment.Lying(60),
                        new Segment.Lying(30, -10, 85),
                        new Segment.Standing(10))
                .build();
    }

    /** Leaning sideways to either side, standing and seated. */
    public static Scenario sideways(long seed) {
        return Scenario.builder("sideways", seed).mount(Mount.CLIP_TILTED)
                .calibrate()
                .then(new Segment.LeanSideways(12, 20),
                        new Segment.Standing(5),
                        new Segment.LeanSideways(12, -25),
                        new Segment.Sitting(5),
                        new Segment.LeanSideways(15, 15),
                        new Segment.Sitting(5))
                .build();
    }

    /** Desk work turning to a second monitor on either side. */
    public static Scenario secondMonitor(long seed) {
        return Scenario.builder("second-monitor", seed).mount(Mount.FACING_BACKWARD)
                .calibrate()
                .then(new Segment.DeskTyping(20),
                        new Segment.SecondMonitor(40, 45, 3),
                        new Segment.DeskTyping(20),
                        new Segment.SecondMonitor(40, -60, 5),
                        new Segment.DeskTyping(10))
                .build();
    }

    /** Re-clipping rotated by 90 degrees, recalibrating, and a drift that should cue. */
    public static Scenario reclip(long seed) {
        return Scenario.builder("reclip", seed).mount(Mount.UPRIGHT)
                .calibrate()
                .then(new Segment.DeskTyping(20),
                        new Segment.Reclip(6, Mount.ROTATED_90_ABOUT_FORWARD))
                .calibrate()
                .then(new Segment.DeskTyping(10),
                        new Segment.ForwardDrift(60, 22, 20, 3),
                        new Segment.DeskTyping(10))
                .build();
    }
}
