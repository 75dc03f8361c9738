package dev.posture.protocol.config;

/** An enum whose constants travel as lowercase snake_case names, each with a one-line meaning. */
public interface WireEnum {
    /** The name on every wire, lowercase snake_case. */
    String wireName();

    /** One line for HELP and the documentation. */
    String description();
}
