package dev.posture.protocol.trace;

import dev.posture.protocol.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a text stream with a length cap: LF or CRLF endings, the last line may lack one.
 * Reads through its own buffer, so the stream may deliver any number of bytes per read.
 */
final class CsvLineSource {
    private final InputStream in;
    private final byte[] input = new byte[8192];
    private int position;
    private int limit;
    private boolean endOfStream;
    private final int maxLineBytes;
    private final byte[] line;
    private int lineNumber;

    CsvLineSource(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.line = new byte[maxLineBytes + 1]; // room for the CR of a CRLF ending
    }

    /** The next line without its ending, or null at the end of the stream. */
    String next() throws IOException, ProtocolException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                if (endOfStream || !refill()) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            byte b = input[position++];
            if (b == '\n') {
                break;
            }
            if (length == line.length) {
                throw tooLong();
            }
            line[length++] = b;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length > maxLineBytes) {
            throw tooLong();
        }
        lineNumber++;
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    /** 1-based number of the last line returned; while a line is read (or failed), it is this plus one. */
    int lineNumber() {
        return lineNumber;
    }

    private ProtocolException tooLong() {
        return new ProtocolException("line " + (lineNumber + 1) + ": longer than " + maxLineBytes + " bytes");
    }

    private boolean refill() throws IOException {
        int read = in.read(input, 0, input.length);
        if (read < 0) {
            endOfStream = true;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
