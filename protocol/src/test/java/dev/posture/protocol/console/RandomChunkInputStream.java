package dev.posture.protocol.console;

import java.io.InputStream;
import java.util.Random;

/** Delivers a byte array in chunks of random size (1 to 17 bytes), like a USB serial port does. */
final class RandomChunkInputStream extends InputStream {
    private final byte[] data;
    private final Random random;
    private int position;

    RandomChunkInputStream(byte[] data, long seed) {
        this.data = data;
        this.random = new Random(seed);
    }

    @Override
    public int read() {
        return position < data.length ? data[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position == data.length) {
            return -1;
        }
        int n = Math.min(Math.min(len, 1 + random.nextInt(17)), data.length - position);
        System.arraycopy(data, position, b, off, n);
        position += n;
        return n;
    }
}
