package dev.posture.protocol.console;

import dev.posture.protocol.ProtocolException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code key=value} fields that OK replies and {@code *} lines carry, e.g.
 * {@code threshold_deg=15 quiet_hours=22:00-07:00 device_id="desk 3"}. Strict, since only the
 * device writes them (with {@link DeviceLineFormatter}):
 * <ul>
 *   <li>fields are separated by exactly one space; no leading or trailing space;</li>
 *   <li>a key is one or more of A-Z, a-z, 0-9 and _, and appears once;</li>
 *   <li>a value is bare (printable ASCII without spaces, not starting with {@code "}) or quoted
 *       ({@code "..."} with {@code \"} and {@code \\}); an empty value is {@code ""}.</li>
 * </ul>
 */
public final class ConsoleFields {

    private ConsoleFields() {
    }

    /** The fields in order of appearance; empty text gives an empty map. Offsets in errors count from the text's start. */
    public static Map<String, String> parse(CharSequence text) throws ProtocolException {
        return parse(text, 0);
    }

    /** As {@link #parse(CharSequence)}, with error offsets shifted by {@code baseOffset} (where the text sits in its line). */
    static Map<String, String> parse(CharSequence text, int baseOffset) throws ProtocolException {
        Map<String, String> fields = new LinkedHashMap<>();
        ConsoleError.requirePrintable(text, baseOffset);
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (i > 0) {
                if (text.charAt(i) != ' ') {
                    throw new ProtocolException("expected a space at offset " + (baseOffset + i));
                }
                i++;
            }
            int keyStart = i;
            while (i < n && isKeyChar(text.charAt(i))) {
                i++;
            }
            if (i == keyStart) {
                throw new ProtocolException("expected a key at offset " + (baseOffset + i));
            }
            String key = text.subSequence(keyStart, i).toString();
            if (i == n || text.charAt(i) != '=') {
                throw new ProtocolException("expected '=' after key '" + key + "' at offset " + (baseOffset + i));
            }
            i++;
            String value;
            if (i < n && text.charAt(i) == '"') {
                StringBuilder quoted = new StringBuilder();
                try {
                    i = ConsoleQuoting.readQuoted(text, i, quoted, baseOffset);
                } catch (ProtocolException e) {
                    throw new ProtocolException("value of " + key + ": " + e.getMessage());
                }
                value = quoted.toString();
            } else {
                int valueStart = i;
                while (i < n && text.charAt(i) != ' ') {
                    i++;
                }
                if (i == valueStart) {
                    throw new ProtocolException("missing value for key '" + key + "' at offset " + (baseOffset + i));
                }
                value = text.subSequence(valueStart, i).toString();
            }
            if (fields.put(key, value) != null) {
                throw new ProtocolException("duplicate key '" + key + "' at offset " + (baseOffset + keyStart));
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
