package dev.posture.protocol.message;

/**
 * What one event type says beyond the common fields (device, sequence number, time stamps). One
 * record per {@link EventType}; its components are exactly the fields that type carries on the
 * wire, all required. Angles are forward angles from the wearer's neutral posture in degrees
 * (positive forward), carried at 0.001 degree; durations are milliseconds.
 */
public sealed interface EventDetail {
    /** Longest duration a field may hold, in ms (2^53 - 1, see the protocol notes). */
    long MAX_MS = FieldCheck.MAX_INTEGER;
    /** Most rounds a drill may ask for. */
    int MAX_DRILL_ROUNDS = 100;
    /** Longest snooze, in minutes (one day). */
    int MAX_SNOOZE_MIN = 1440;

    EventType type();

    /**
     * A cue played.
     *
     * @param forwardDeg the forward angle when the cue played ({@code forward_deg})
     * @param forwardMs  how long the wearer had been forward past the threshold ({@code forward_ms}); at least the dwell unless exposure_mode is on
     * @param episode    the forward episode since boot, from 1 ({@code episode}); an episode runs from the first cue to RECOVERED
     * @param cue        which cue of the episode, from 1; 2 and up are repeats every cue_repeat_s ({@code cue})
     */
    record Cue(double forwardDeg, long forwardMs, int episode, int cue) implements EventDetail {
        public Cue {
            forwardDeg = FieldCheck.angle(forwardDeg, "forward_deg");
            FieldCheck.between(forwardMs, 0, MAX_MS, "forward_ms");
            FieldCheck.between(episode, 1, Integer.MAX_VALUE, "episode");
            FieldCheck.between(cue, 1, Integer.MAX_VALUE, "cue");
        }

        @Override
        public EventType type() {
            return EventType.CUE;
        }
    }

    /**
     * The wearer corrected after one or more cues.
     *
     * @param forwardDeg the forward angle on recovery ({@code forward_deg})
     * @param correctMs  time from the episode's first cue to recovery ({@code correct_ms})
     * @param episode    the episode that ended ({@code episode})
     * @param cues       how many cues the episode took ({@code cues})
     */
    record Recovered(double forwardDeg, long correctMs, int episode, int cues) implements EventDetail {
        public Recovered {
            forwardDeg = FieldCheck.angle(forwardDeg, "forward_deg");
            FieldCheck.between(correctMs, 0, MAX_MS, "correct_ms");
            FieldCheck.between(episode, 1, Integer.MAX_VALUE, "episode");
            FieldCheck.between(cues, 1, Integer.MAX_VALUE, "cues");
        }

        @Override
        public EventType type() {
            return EventType.RECOVERED;
        }
    }

    /** A check-in is due; nothing beyond the common fields. */
    record CheckinDue() implements EventDetail {
        @Override
        public EventType type() {
            return EventType.CHECKIN_DUE;
        }
    }

    /**
     * The wearer retracted and held.
     *
     * @param holdMs     how long the retraction was held ({@code hold_ms})
     * @param forwardDeg the deepest retraction during the hold, usually negative: behind neutral ({@code forward_deg})
     */
    record CheckinDone(long holdMs, double forwardDeg) implements EventDetail {
        public CheckinDone {
            FieldCheck.between(holdMs, 0, MAX_MS, "hold_ms");
            forwardDeg = FieldCheck.angle(forwardDeg, "forward_deg");
        }

        @Override
        public EventType type() {
            return EventType.CHECKIN_DONE;
        }
    }

    /**
     * A check-in went unanswered.
     *
     * @param pendingMs time from CHECKIN_DUE until the device gave up ({@code pending_ms})
     */
    record CheckinMissed(long pendingMs) implements EventDetail {
        public CheckinMissed {
            FieldCheck.between(pendingMs, 0, MAX_MS, "pending_ms");
        }

        @Override
        public EventType type() {
            return EventType.CHECKIN_MISSED;
        }
    }

    /**
     * A drill ended.
     *
     * @param roundsDone  rounds completed, 0..roundsAsked ({@code rounds_done})
     * @param roundsAsked rounds the drill asked for, 1..100 ({@code rounds_asked})
     */
    record DrillDone(int roundsDone, int roundsAsked) implements EventDetail {
        public DrillDone {
            FieldCheck.between(roundsDone, 0, MAX_DRILL_ROUNDS, "rounds_done");
            FieldCheck.between(roundsAsked, 1, MAX_DRILL_ROUNDS, "rounds_asked");
            if (roundsDone > roundsAsked) {
                throw FieldCheck.fail("rounds_done", "must not exceed rounds_asked");
            }
        }

        @Override
        public EventType type() {
            return EventType.DRILL_DONE;
        }
    }

    /**
     * A calibration step finished.
     *
     * @param step neutral or lean ({@code step})
     */
    record Calibrated(CalibrationStep step) implements EventDetail {
        public Calibrated {
            FieldCheck.present(step, "step");
        }

        @Override
        public EventType type() {
            return EventType.CALIBRATED;
        }
    }

    /**
     * The clip seems to have moved.
     *
     * @param forwardDeg the persistent offset at rest that suggests it ({@code forward_deg})
     */
    record RecalibrationNeeded(double forwardDeg) implements EventDetail {
        public RecalibrationNeeded {
            forwardDeg = FieldCheck.angle(forwardDeg, "forward_deg");
        }

        @Override
        public EventType type() {
            return EventType.RECALIBRATION_NEEDED;
        }
    }

    /**
     * The sensor failed.
     *
     * @param fault a snake_case reason from the driver, e.g. {@code bus_error}, {@code no_data},
     *              {@code stuck}, {@code wrong_chip} ({@code fault}, {@code [a-z0-9_]{1,32}})
     */
    record SensorFault(String fault) implements EventDetail {
        public SensorFault {
            FieldCheck.token(fault, Token.CODE, "fault");
        }

        @Override
        public EventType type() {
            return EventType.SENSOR_FAULT;
        }
    }

    /**
     * The sensor works again.
     *
     * @param faultMs how long the fault lasted ({@code fault_ms})
     */
    record SensorRecovered(long faultMs) implements EventDetail {
        public SensorRecovered {
            FieldCheck.between(faultMs, 0, MAX_MS, "fault_ms");
        }

        @Override
        public EventType type() {
            return EventType.SENSOR_RECOVERED;
        }
    }

    /**
     * Cues snoozed.
     *
     * @param minutes snooze length, 1..1440 ({@code minutes})
     */
    record Snoozed(int minutes) implements EventDetail {
        public Snoozed {
            FieldCheck.between(minutes, 1, MAX_SNOOZE_MIN, "minutes");
        }

        @Override
        public EventType type() {
            return EventType.SNOOZED;
        }
    }

    /**
     * The configuration changed.
     *
     * @param configVersion the new version ({@code config_version})
     * @param source        mqtt or serial ({@code source})
     */
    record ConfigChanged(long configVersion, ChangeSource source) implements EventDetail {
        public ConfigChanged {
            FieldCheck.between(configVersion, 0, FieldCheck.MAX_INTEGER, "config_version");
            FieldCheck.present(source, "source");
        }

        @Override
        public EventType type() {
            return EventType.CONFIG_CHANGED;
        }
    }

    /**
     * The firmware started.
     *
     * @param firmware the firmware version that started ({@code firmware})
     */
    record Booted(String firmware) implements EventDetail {
        public Booted {
            FieldCheck.token(firmware, Token.FIRMWARE, "firmware");
        }

        @Override
        public EventType type() {
            return EventType.BOOTED;
        }
    }
}
