package dev.posture.protocol.console;

/**
 * Sizes and versions of the serial console grammar that both ends must agree on. Lengths count
 * bytes of line content, without the CR/LF that ends the line.
 */
public final class ConsoleLimits {
    /** Longest request line the device accepts, in bytes (DESIGN.md: "at most 256 bytes"). */
    public static final int MAX_REQUEST_BYTES = 256;

    /**
     * Longest line the device sends, in bytes. Larger than a request because {@code GET} with no
     * key answers every setting on its one reply line; longer lines are cut to this length and end
     * in {@link #TRUNCATION_MARKER}.
     */
    public static final int MAX_DEVICE_LINE_BYTES = 1024;

    /** The last bytes of a device line that had to be cut to {@link #MAX_DEVICE_LINE_BYTES}. */
    public static final String TRUNCATION_MARKER = "...";

    /** Version of this grammar, reported by {@code VERSION} as {@code console=1}. */
    public static final int GRAMMAR_VERSION = 1;

    /** {@code STREAM ON} without a rate streams at this many lines per second. */
    public static final int DEFAULT_STREAM_HZ = 10;
    /** Slowest and fastest {@code STREAM ON hz} rate, lines per second. */
    public static final int MIN_STREAM_HZ = 1;
    public static final int MAX_STREAM_HZ = 50;

    /** {@code SNOOZE minutes} range; 0 ends a snooze early. */
    public static final int MIN_SNOOZE_MINUTES = 0;
    public static final int MAX_SNOOZE_MINUTES = 240;

    private ConsoleLimits() {
    }
}
