package dev.posture.protocol.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The device's config file: Java-properties-style text with a comment above each key giving its
 * unit, range and default. Writing is deterministic (same config, same bytes). Reading is strict and
 * reports every problem with its line number; it accepts this subset of the properties format:
 * <ul>
 *   <li>UTF-8 (a leading byte order mark is skipped), lines end with LF or CRLF, at most
 *       {@value #MAX_BYTES} bytes in all;</li>
 *   <li>blank lines, and comment lines whose first non-blank character is {@code #} or {@code !};</li>
 *   <li>{@code key=value}: split at the first {@code =}; spaces, tabs and form feeds around key and
 *       value are ignored; keys match ignoring ASCII case;</li>
 *   <li>{@code version=N}: the config's version, 0 when absent;</li>
 *   <li>no backslash escapes and no line continuations: a backslash outside a comment is an error
 *       (no valid value contains one, so the files this class writes read the same in
 *       {@link java.util.Properties}).</li>
 * </ul>
 * Missing keys take their defaults. Unknown keys, bad values, duplicate keys and lines without
 * {@code =} are each a problem naming the line.
 */
public final class ConfigFile {
    /** A config file is about 3 KB; anything much bigger is not one. */
    public static final int MAX_BYTES = 64 * 1024;

    static final String VERSION_KEY = "version";

    private static final String HEADER = """
            # Posture wearable configuration.
            #
            # One key=value per line; lines starting with # or ! are comments. Keys missing here take
            # their defaults. Values stand as they are: no quotes, escapes or line continuations.
            # The comment above each key gives its unit, allowed values and default.
            # The broker password is not kept here: it lives in the separate credentials file.
            """;

    private ConfigFile() {
    }

    /** The file's text: header, version, then every key in table order with its comment. ASCII only. */
    public static String format(Config config) {
        StringBuilder out = new StringBuilder(4096).append(HEADER);
        out.append(VERSION_KEY).append('=').append(config.version()).append('\n');
        for (ConfigKey key : ConfigKey.values()) {
            out.append('\n');
            out.append("# ").append(key.summary()).append('\n');
            out.append(key.wireName()).append('=').append(config.text(key)).append('\n');
        }
        return out.toString();
    }

    public static void write(Config config, OutputStream out) throws IOException {
        out.write(format(config).getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Reads a config file; the stream is read up to {@link #MAX_BYTES} + 1 bytes and not closed.
     *
     * @return the config (with every key not in the file at its default) or every problem found;
     *     {@code changes()} lists the keys that differ from the defaults. When there are problems,
     *     {@code config()} is the defaults (at the file's version if that line was valid).
     * @throws IOException only when the stream itself fails
     */
    public static ConfigChange.Result read(InputStream in) throws IOException {
        return parse(in.readNBytes(MAX_BYTES + 1));
    }

    /** {@link #read} for a file already in memory. */
    public static ConfigChange.Result parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return new ConfigChange.Result(Config.defaults(), List.of(),
                    List.of(ConfigProblem.of(0, "", "config file is larger than " + MAX_BYTES + " bytes")));
        }
        return new StrictReader().read(bytes);
    }

    /** {@link #read} for text, encoded as UTF-8 first. */
    public static ConfigChange.Result parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** State of one read: the entries and problems collected so far. */
    private static final class StrictReader {
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final List<ConfigValidator.Entry> entries = new ArrayList<>();
        private final List<ConfigProblem> problems = new ArrayList<>();
        private long version;
        private int versionLine;

        ConfigChange.Result read(byte[] bytes) {
            int start = startsWithByteOrderMark(bytes) ? 3 : 0;
            int lineNumber = 1;
            while (start < bytes.length) {
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                int contentEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
                readLine(lineNumber, bytes, start, contentEnd);
                start = end + 1;
                lineNumber++;
            }
            Config base = Config.defaults().withVersion(version);
            return ConfigValidator.apply(base, entries, problems, false);
        }

        private void readLine(int lineNumber, byte[] bytes, int from, int to) {
            String line;
            try {
                utf8.reset();
                line = utf8.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                problems.add(ConfigProblem.of(lineNumber, "", "not valid UTF-8"));
                return;
            }
            String content = trim(line);
            if (content.isEmpty() || content.startsWith("#") || content.startsWith("!")) {
                return;
            }
            int equals = content.indexOf('=');
            String key = equals < 0 ? "" : trim(content.substring(0, equals));
            if (key.isEmpty()) {
                problems.add(ConfigProblem.of(lineNumber, "", "expected key=value, got " + ProblemText.quote(content)));
                return;
            }
            String value = trim(content.substring(equals + 1));
            if (content.indexOf('\\') >= 0) {
                problems.add(ConfigProblem.of(lineNumber, key,
                        "backslash escapes and line continuations are not supported"));
            } else if (AsciiCase.equalsIgnoreCase(key, VERSION_KEY)) {
                readVersion(lineNumber, key, value);
            } else {
                entries.add(new ConfigValidator.Entry(key, value, true, lineNumber));
            }
        }

        private void readVersion(int lineNumber, String key, String value) {
            if (versionLine > 0) {
                problems.add(ConfigProblem.of(lineNumber, VERSION_KEY, "duplicate key " + ProblemText.quote(key)
                        + " (first on line " + versionLine + ")"));
                return;
            }
            versionLine = lineNumber;
            boolean digits = !value.isEmpty() && value.length() <= 16
                    && value.chars().allMatch(c -> c >= '0' && c <= '9');
            long parsed = digits ? Long.parseLong(value) : -1;
            if (parsed < 0 || parsed > Config.MAX_VERSION) {
                problems.add(ConfigProblem.of(lineNumber, VERSION_KEY, "version: " + ProblemText.quote(value)
                        + " is not a whole number 0.." + Config.MAX_VERSION));
                return;
            }
            version = parsed;
        }

        private static boolean startsWithByteOrderMark(byte[] bytes) {
            return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                    && (bytes[2] & 0xFF) == 0xBF;
        }

        /** Strips the properties format's blanks (space, tab, form feed), not all of Unicode's. */
        private static String trim(String text) {
            int from = 0;
            int to = text.length();
            while (from < to && isBlank(text.charAt(from))) {
                from++;
            }
            while (to > from && isBlank(text.charAt(to - 1))) {
                to--;
            }
            return text.substring(from, to);
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t' || c == '\f';
        }
    }
}
