package dev.posture.protocol.trace;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** A gzip decoder whose format errors (corrupt or truncated data) become {@link CorruptGzipException}. */
final class GzipErrorStream extends FilterInputStream {
    private GzipErrorStream(InputStream gzip) {
        super(gzip);
    }

    static InputStream open(InputStream compressed) throws IOException {
        try {
            return new GzipErrorStream(new GZIPInputStream(compressed, 8192));
        } catch (ZipException | EOFException e) {
            throw corrupt(e);
        }
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (ZipException | EOFException e) {
            throw corrupt(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (ZipException | EOFException e) {
            throw corrupt(e);
        }
    }

    private static CorruptGzipException corrupt(IOException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CorruptGzipException(detail);
    }
}
