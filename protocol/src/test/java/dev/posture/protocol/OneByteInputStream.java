package dev.posture.protocol;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Delivers at most one byte per read call, the way a slow serial link or a torn network read does.
 * Every parser test also runs through this so that no parser relies on a full buffer per read.
 */
public final class OneByteInputStream extends FilterInputStream {
    public OneByteInputStream(InputStream in) {
        super(in);
    }

    public OneByteInputStream(byte[] bytes) {
        this(new ByteArrayInputStream(bytes));
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : super.read(b, off, 1);
    }

    @Override
    public long skip(long n) throws IOException {
        return super.skip(Math.min(n, 1));
    }

    @Override
    public int available() {
        return 0;
    }
}
