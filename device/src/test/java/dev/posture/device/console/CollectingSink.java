package dev.posture.device.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.console.ConsoleLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A LineSink that keeps every line (without its CRLF) and checks the shape of each as it arrives. */
final class CollectingSink implements LineSink {
    record Line(Kind kind, String text) {
    }

    private final List<Line> lines = new ArrayList<>();
    /** Accepts nothing of these kinds while set: a full sink. */
    volatile boolean refuseUnsolicited;
    /** Called with each line after it is stored, on the sending thread. */
    volatile Consumer<String> onLine = line -> { };

    @Override
    public boolean offer(Kind kind, byte[] bytes, int length) {
        assertTrue(length >= 2 && bytes[length - 2] == '\r' && bytes[length - 1] == '\n', "line ends in CRLF");
        assertTrue(length - 2 <= ConsoleLimits.MAX_DEVICE_LINE_BYTES, "at most 1024 bytes before the CRLF");
        for (int i = 0; i < length - 2; i++) {
            assertTrue(bytes[i] >= 0x20 && bytes[i] <= 0x7E, "printable ASCII");
        }
        if (refuseUnsolicited && (kind == Kind.STREAM || kind == Kind.EVENT)) {
            return false;
        }
        String text = new String(bytes, 0, length - 2, StandardCharsets.US_ASCII);
        synchronized (this) {
            lines.add(new Line(kind, text));
        }
        onLine.accept(text);
        return true;
    }

    synchronized List<String> texts() {
        return lines.stream().map(Line::text).toList();
    }

    synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The lines since the last call. */
    synchronized List<String> take() {
        List<String> out = new ArrayList<>(texts());
        lines.clear();
        return out;
    }

    /** Exactly one line arrived since the last call; returns it. */
    String single() {
        List<String> out = take();
        assertEquals(1, out.size(), () -> "one line expected, got " + out);
        return out.get(0);
    }
}
