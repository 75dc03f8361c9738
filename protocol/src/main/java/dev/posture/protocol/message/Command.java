package dev.posture.protocol.message;

import java.util.Locale;

/** The commands a device accepts on its {@code cmd} topic; wire form is the name in lower case. */
public enum Command {
    /** Take the current posture as neutral (the wearer stands tall). No arguments. */
    CALIBRATE_NEUTRAL,
    /** Take the current posture as a deliberate forward lean, teaching the forward direction. No arguments. */
    CALIBRATE_LEAN,
    /** Play a cue now; argument {@code pattern} (optional) names the pattern, else the configured one. */
    CUE_TEST,
    /** Snooze cues; argument {@code minutes} (required, 0..1440, 0 ends a snooze early). */
    SNOOZE,
    /** Start recording a raw trace; the reply's result holds its {@code recording_id}. No arguments. */
    TRACE_START,
    /** Stop the running recording. No arguments. */
    TRACE_STOP,
    /** List stored recordings; the reply's result holds {@code recordings}, a list of ids. No arguments. */
    TRACE_LIST,
    /** Publish a stored recording's chunks on {@code trace/{recording_id}}; argument {@code recording_id} (required). */
    TRACE_GET,
    /** Publish a fresh status message now and reply with its main fields. No arguments. */
    STATUS;

    /** The wire form, e.g. {@code calibrate_neutral}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
