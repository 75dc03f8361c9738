package dev.posture.companion.store;

/**
 * One stored event.
 *
 * @param deviceId   the device id
 * @param seq        the device's event number (unique per device)
 * @param timeMs     device wall-clock time, ms since the epoch
 * @param uptimeMs   device uptime, ms
 * @param type       event type, wire form ({@code CUE})
 * @param json       the event exactly as received
 * @param receivedMs when this companion stored it, ms since the epoch
 */
public record EventRow(String deviceId, long seq, long timeMs, long uptimeMs, String type, String json,
        long receivedMs) {
}
