package dev.posture.protocol.mqtt;

/** Who publishes on a topic. */
public enum Direction {
    /** The device publishes; companions subscribe. */
    FROM_DEVICE,
    /** Companions publish requests; the device subscribes to its own. */
    TO_DEVICE
}
