package dev.posture.protocol.config;

import java.util.Locale;

/**
 * An enum whose constants travel as lowercase snake_case names, each with a one-line meaning. The
 * wire name is the constant's name in lower case, so the two cannot drift apart.
 */
public interface WireEnum {
    /** The constant's name; every enum has it ({@link Enum#name()}). */
    String name();

    /** The name on every wire: the constant's name in lower case, {@code LONG_PULSE} as {@code long_pulse}. */
    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One line for HELP and the documentation. */
    String description();
}
