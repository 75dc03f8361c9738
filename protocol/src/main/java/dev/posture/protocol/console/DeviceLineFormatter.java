package dev.posture.protocol.console;

import java.nio.charset.StandardCharsets;

/**
 * Formats the lines the device sends into one reusable byte buffer, ready to write to the serial
 * port: no allocation per line. Every line is printable ASCII, ends in CRLF (picocom passes bytes
 * through unmapped, and a bare LF would make a staircase), and is at most
 * {@link ConsoleLimits#MAX_DEVICE_LINE_BYTES} bytes before the CRLF. Never throws.
 *
 * <p>Text is made safe on the way in: CR, LF, tab and other control characters become a space,
 * anything beyond ASCII becomes {@code ?}. A line that would be too long is cut and ends in
 * {@link ConsoleLimits#TRUNCATION_MARKER}.
 *
 * <p>Whole lines: {@link #ok()}, {@link #ok(CharSequence)}, {@link #err(ConsoleErrorCode, CharSequence)},
 * {@link #unsolicited(CharSequence, CharSequence)}, {@link #stream(long, int, boolean, CharSequence)}.
 * Lines built from fields: {@link #startOk()} or {@link #startUnsolicited(CharSequence)}, then
 * {@code field(...)} calls, then {@link #finish()}. Each returns the number of bytes to send from
 * {@link #bytes()}. One instance per writing thread.
 */
public final class DeviceLineFormatter {
    private static final int MAX = ConsoleLimits.MAX_DEVICE_LINE_BYTES;

    /** The line being formatted, CRLF included. */
    private final byte[] line = new byte[MAX + 2];
    /** Scratch for the digits of one number, least significant first. */
    private final byte[] digits = new byte[20];
    /** Content bytes written, at most MAX. */
    private int length;
    /** Content was dropped because the line was full. */
    private boolean truncated;
    /** Bytes of the last finished line, CRLF included. */
    private int finishedLength;

    /** {@code OK}. */
    public int ok() {
        return startOk().finish();
    }

    /** {@code OK <text>}, or {@code OK} for empty text. */
    public int ok(CharSequence text) {
        startOk();
        if (text != null && text.length() > 0) {
            putByte(' ');
            putText(text);
        }
        return finish();
    }

    /** {@code ERR <code> <message>}; an empty message becomes the code's default message. */
    public int err(ConsoleErrorCode code, CharSequence message) {
        ConsoleErrorCode c = code == null ? ConsoleErrorCode.INTERNAL : code;
        begin();
        putAscii("ERR ");
        putAscii(c.word());
        putByte(' ');
        putText(message == null || message.length() == 0 ? c.defaultMessage() : message);
        return finish();
    }

    public int err(ConsoleError error) {
        return err(error.code(), error.message());
    }

    /** {@code * <KIND> <text>} (or {@code * <KIND>} for empty text): a line sent unasked. */
    public int unsolicited(CharSequence kind, CharSequence text) {
        startUnsolicited(kind);
        if (text != null && text.length() > 0) {
            putByte(' ');
            putText(text);
        }
        return finish();
    }

    /**
     * {@code * STREAM t=12.340 fwd=17.2 state=FORWARD}: one live sample.
     *
     * @param timeMs         device time in milliseconds, written as seconds with 3 decimals
     * @param forwardDeciDeg forward angle from neutral in tenths of a degree, written with 1 decimal
     * @param calibrated     false before the neutral pose is known: the angle is written as {@code none}
     * @param state          posture state name, written as a word of A-Z, 0-9 and _
     */
    public int stream(long timeMs, int forwardDeciDeg, boolean calibrated, CharSequence state) {
        startUnsolicited(StreamSample.KIND);
        fixedField("t", timeMs, 3);
        if (calibrated) {
            fixedField("fwd", forwardDeciDeg, 1);
        } else {
            field("fwd", StreamSample.NO_ANGLE);
        }
        putByte(' ');
        putAscii("state=");
        putWord(state, true);
        return finish();
    }

    /** Starts {@code OK}; add fields, then {@link #finish()}. */
    public DeviceLineFormatter startOk() {
        begin();
        putAscii("OK");
        return this;
    }

    /** Starts {@code * <KIND>}; add fields, then {@link #finish()}. */
    public DeviceLineFormatter startUnsolicited(CharSequence kind) {
        begin();
        putAscii("* ");
        putWord(kind, true);
        return this;
    }

    /** Appends {@code  key=value}, quoting the value when it is empty or holds blanks (see {@link ConsoleFields}). */
    public DeviceLineFormatter field(CharSequence key, CharSequence value) {
        startField(key);
        CharSequence v = value == null ? "" : value;
        if (!ConsoleQuoting.fieldValueNeedsQuotes(v)) {
            putText(v);
            return this;
        }
        putByte('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                putByte('\\');
            }
            i = putChar(v, i);
        }
        putByte('"');
        return this;
    }

    /** Appends {@code  key=value} for a whole number. */
    public DeviceLineFormatter field(CharSequence key, long value) {
        startField(key);
        putLong(value);
        return this;
    }

    /** Appends {@code  key=value} for a fixed-point number: {@code scaled / 10^decimals}, e.g. (12340, 3) is 12.340. */
    public DeviceLineFormatter fixedField(CharSequence key, long scaled, int decimals) {
        startField(key);
        putFixed(scaled, Math.max(0, Math.min(decimals, 18)));
        return this;
    }

    /** Appends a space and free text (made safe), e.g. after the fields. */
    public DeviceLineFormatter text(CharSequence text) {
        putByte(' ');
        putText(text == null ? "" : text);
        return this;
    }

    /** Ends the line with CRLF; returns the number of bytes to send from {@link #bytes()}. */
    public int finish() {
        if (truncated) {
            String marker = ConsoleLimits.TRUNCATION_MARKER;
            for (int i = 0; i < marker.length(); i++) {
                line[MAX - marker.length() + i] = (byte) marker.charAt(i);
            }
        }
        line[length] = '\r';
        line[length + 1] = '\n';
        finishedLength = length + 2;
        return finishedLength;
    }

    /** The buffer holding the last finished line; its first {@link #length()} bytes are the line. */
    public byte[] bytes() {
        return line;
    }

    /** Bytes of the last finished line, CRLF included. */
    public int length() {
        return finishedLength;
    }

    /** The last finished line without CRLF, as a String (allocates; for logs and tests). */
    public String lineText() {
        return new String(line, 0, Math.max(0, finishedLength - 2), StandardCharsets.US_ASCII);
    }

    private void begin() {
        length = 0;
        truncated = false;
    }

    private void startField(CharSequence key) {
        putByte(' ');
        putWord(key, false);
        putByte('=');
    }

    /**
     * A key, or (upper case) a line kind or state name: never empty, and anything outside A-Z, a-z,
     * 0-9 and _ becomes _, so the reader can always split the line again.
     */
    private void putWord(CharSequence word, boolean upperCase) {
        if (word == null || word.length() == 0) {
            putByte('_');
            return;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'a' && c <= 'z') {
                putByte(upperCase ? c - 'a' + 'A' : c);
            } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                putByte(c);
            } else {
                putByte('_');
            }
        }
    }

    private void putText(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            i = putChar(text, i);
        }
    }

    /** Writes text[i] made safe; returns the index of the last char used (a surrogate pair is one '?'). */
    private int putChar(CharSequence text, int i) {
        char c = text.charAt(i);
        if (c >= 0x20 && c <= 0x7E) {
            putByte(c);
        } else if (c < 0x20 || c == 0x7F) {
            putByte(' ');
        } else {
            putByte('?');
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                return i + 1;
            }
        }
        return i;
    }

    private void putAscii(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            putByte(ascii.charAt(i));
        }
    }

    private void putFixed(long scaled, int decimals) {
        long pow = 1;
        for (int i = 0; i < decimals; i++) {
            pow *= 10;
        }
        long whole = scaled / pow;
        long fraction = Math.abs(scaled % pow);
        if (scaled < 0 && whole == 0) {
            putByte('-');
        }
        putLong(whole);
        if (decimals > 0) {
            putByte('.');
            for (long p = pow / 10; p > 0; p /= 10) {
                putByte('0' + (int) (fraction / p % 10));
            }
        }
    }

    /** Digits taken from the negative value, so Long.MIN_VALUE needs no special case. */
    private void putLong(long value) {
        long negative = value < 0 ? value : -value;
        if (value < 0) {
            putByte('-');
        }
        int n = 0;
        do {
            digits[n++] = (byte) ('0' - (negative % 10));
            negative /= 10;
        } while (negative != 0);
        while (n > 0) {
            putByte(digits[--n]);
        }
    }

    private void putByte(int b) {
        if (length < MAX) {
            line[length++] = (byte) b;
        } else {
            truncated = true;
        }
    }
}
