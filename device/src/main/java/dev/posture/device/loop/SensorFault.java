package dev.posture.device.loop;

/**
 * Why the loop declared a sensor fault: the {@code fault} field of the protocol's SENSOR_FAULT
 * event ({@code [a-z0-9_]{1,32}}, protocol/docs/mqtt.md). The event ring holds primitives only, so a
 * SENSOR_FAULT record carries {@link #ordinal()} in {@code d0}; the I/O side turns it back into the
 * text with {@link #fromCode(long)}.
 */
public enum SensorFault {
    /** A transfer failed: bus error, NACK, timeout. */
    BUS_ERROR("bus_error"),
    /** No data-ready for more than the configured number of periods. */
    NO_DATA("no_data"),
    /** The data stopped changing (the driver's stuck-sample check). */
    STUCK("stuck"),
    /** WHO_AM_I answered with another chip's id. */
    WRONG_CHIP("wrong_chip");

    private static final SensorFault[] ALL = values();

    private final String id;

    SensorFault(String id) {
        this.id = id;
    }

    /** The protocol's fault text, e.g. "bus_error". */
    public String id() {
        return id;
    }

    /** The fault whose ordinal is {@code d0} of a SENSOR_FAULT record. */
    public static SensorFault fromCode(long code) {
        if (code < 0 || code >= ALL.length) {
            throw new IllegalArgumentException("unknown sensor fault code " + code);
        }
        return ALL[(int) code];
    }

    /** Classifies a driver's one-line message (HardwareException): no allocation. */
    static SensorFault classify(String message) {
        if (message != null) {
            if (message.contains("stuck")) {
                return STUCK;
            }
            if (message.contains("WHO_AM_I")) {
                return WRONG_CHIP;
            }
        }
        return BUS_ERROR;
    }
}
