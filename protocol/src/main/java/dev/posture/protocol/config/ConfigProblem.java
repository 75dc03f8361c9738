package dev.posture.protocol.config;

/**
 * One thing wrong with a change request or a config file.
 *
 * @param line the config file's line number (1-based), or 0 when the input was not a file
 * @param key the key as the input spelled it ("" when the line has none); the wire name when known
 * @param message the whole one-line message to show, e.g. "line 7: threshold_deg: 50 is out of range
 *     5..45" or "unknown key 'treshold_deg'"
 */
public record ConfigProblem(int line, String key, String message) {
    static ConfigProblem of(int line, String key, String detail) {
        return new ConfigProblem(line, key, line > 0 ? "line " + line + ": " + detail : detail);
    }

    @Override
    public String toString() {
        return message;
    }
}
