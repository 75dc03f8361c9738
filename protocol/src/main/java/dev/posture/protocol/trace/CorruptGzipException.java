package dev.posture.protocol.trace;

import java.io.IOException;

/** Marks a gzip decoding failure (bad input), as opposed to a failure of the stream underneath. */
final class CorruptGzipException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptGzipException(String message) {
        super(message);
    }
}
