package dev.posture.device.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log: one key of one change.
 *
 * @param time when the change was applied (UTC, millisecond resolution in the file)
 * @param origin who made it
 * @param oldVersion the config version before the change
 * @param newVersion the config version after it
 * @param key the key's wire name
 * @param oldValue the old value in canonical text ({@code Config.text})
 * @param newValue the new value in canonical text
 */
public record AuditRecord(Instant time, ChangeOrigin origin, long oldVersion, long newVersion, String key,
        String oldValue, String newValue) {
    public AuditRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(oldValue, "oldValue");
        Objects.requireNonNull(newValue, "newValue");
    }

    /** "2025-03-01T10:15:30Z serial 3->4 threshold_deg: 15 -> 17.5" */
    @Override
    public String toString() {
        return time + " " + origin.text() + " " + oldVersion + "->" + newVersion + " " + key + ": " + oldValue
                + " -> " + newValue;
    }
}
