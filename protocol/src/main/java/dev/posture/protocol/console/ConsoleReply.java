package dev.posture.protocol.console;

import dev.posture.protocol.ProtocolException;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line the device sent, as the companion reads it: the {@link Ok} or {@link Err} that answers
 * the oldest unanswered request, or an {@link Unsolicited} {@code *} line that answers nothing.
 */
public sealed interface ConsoleReply {

    /** Whether this line answers a request (OK or ERR) rather than arriving unasked. */
    boolean answersRequest();

    /** {@code OK} or {@code OK <text>}; text is empty for a bare OK. */
    record Ok(String text) implements ConsoleReply {
        public Ok {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean answersRequest() {
            return true;
        }

        /** The text as {@code key=value} fields (GET, STATUS, VERSION replies). */
        public Map<String, String> fields() throws ProtocolException {
            return ConsoleFields.parse(text, "OK ".length());
        }
    }

    /** {@code ERR <code> <message>}. The code is kept as sent so that a newer device's codes still parse. */
    record Err(String code, String message) implements ConsoleReply {
        public Err {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean answersRequest() {
            return true;
        }

        /** The code, if this version knows it. */
        public Optional<ConsoleErrorCode> knownCode() {
            return ConsoleErrorCode.fromWord(code);
        }
    }

    /** {@code * <KIND>} or {@code * <KIND> <text>}: a stream sample, an event, a trace row... */
    record Unsolicited(String kind, String text) implements ConsoleReply {
        public Unsolicited {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean answersRequest() {
            return false;
        }

        /** The text as {@code key=value} fields (STREAM, EVENT, READY lines). */
        public Map<String, String> fields() throws ProtocolException {
            return ConsoleFields.parse(text, "* ".length() + kind.length() + 1);
        }
    }

    /**
     * Parses one device line (without its CR/LF). Strict: printable ASCII only, at most
     * {@link ConsoleLimits#MAX_DEVICE_LINE_BYTES} bytes, and exactly the shapes above.
     */
    static ConsoleReply parse(CharSequence line) throws ProtocolException {
        int n = line.length();
        if (n > ConsoleLimits.MAX_DEVICE_LINE_BYTES) {
            throw new ProtocolException("line longer than " + ConsoleLimits.MAX_DEVICE_LINE_BYTES + " bytes");
        }
        ConsoleError.requirePrintable(line, 0);
        String text = line.toString();
        if (text.equals("OK")) {
            return new Ok("");
        }
        if (text.startsWith("OK ")) {
            return new Ok(text.substring(3));
        }
        if (text.startsWith("ERR ")) {
            int codeStart = 4;
            int codeEnd = wordEnd(text, codeStart);
            if (codeEnd == codeStart || text.charAt(codeStart) < 'A' || text.charAt(codeStart) > 'Z') {
                throw new ProtocolException("expected an error code (A-Z, 0-9, _) at offset " + codeStart);
            }
            if (codeEnd == n || text.charAt(codeEnd) != ' ' || codeEnd + 1 == n) {
                throw new ProtocolException("expected ' ' and a message after the error code at offset " + codeEnd);
            }
            return new Err(text.substring(codeStart, codeEnd), text.substring(codeEnd + 1));
        }
        if (text.startsWith("* ")) {
            int kindStart = 2;
            int kindEnd = wordEnd(text, kindStart);
            if (kindEnd == kindStart) {
                throw new ProtocolException("expected a line kind (A-Z, 0-9, _) at offset " + kindStart);
            }
            if (kindEnd == n) {
                return new Unsolicited(text.substring(kindStart), "");
            }
            if (text.charAt(kindEnd) != ' ') {
                throw new ProtocolException("expected ' ' after the line kind at offset " + kindEnd);
            }
            return new Unsolicited(text.substring(kindStart, kindEnd), text.substring(kindEnd + 1));
        }
        throw new ProtocolException("expected 'OK', 'ERR ' or '* ' at offset 0");
    }

    /** The end of a run of A-Z, 0-9 and _ starting at {@code start}. */
    private static int wordEnd(String text, int start) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                break;
            }
            i++;
        }
        return i;
    }
}
