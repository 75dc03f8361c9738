package dev.posture.companion.store;

/**
 * One device as the store knows it. Status fields are null until a status carried them (the last
 * will carries only state and firmware).
 *
 * @param deviceId      the device id
 * @param state         {@code online}, {@code offline}, {@code removed}, or null before any status
 * @param firmware      firmware version from the last status, or null
 * @param statusTimeMs  device wall-clock time of the last status, ms since the epoch, or null
 * @param uptimeMs      device uptime at the last status, ms, or null
 * @param posture       posture state from the last status (wire form), or null
 * @param sensor        sensor health from the last status ({@code ok}, {@code fault}), or null
 * @param batteryPct    battery charge, %, or null
 * @param rssiDbm       Wi-Fi signal strength, dBm, or null
 * @param configVersion the newest configuration version seen in a status or config message, or null
 * @param firstSeenMs   when this companion first received anything from it, ms since the epoch
 * @param lastSeenMs    when this companion last received anything from it, ms since the epoch
 * @param events        how many events are stored for it
 */
public record DeviceRow(String deviceId, String state, String firmware, Long statusTimeMs, Long uptimeMs,
        String posture, String sensor, Integer batteryPct, Integer rssiDbm, Long configVersion, long firstSeenMs,
        long lastSeenMs, long events) {
}
