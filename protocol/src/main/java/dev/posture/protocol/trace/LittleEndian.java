package dev.posture.protocol.trace;

/** Little-endian stores and loads on byte arrays: the only byte order the trace format uses. */
final class LittleEndian {
    private LittleEndian() {
    }

    static void putU16(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
    }

    static void putI32(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
        b[at + 2] = (byte) (value >>> 16);
        b[at + 3] = (byte) (value >>> 24);
    }

    static void putI64(byte[] b, int at, long value) {
        putI32(b, at, (int) value);
        putI32(b, at + 4, (int) (value >>> 32));
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static short i16(byte[] b, int at) {
        return (short) u16(b, at);
    }

    static int i32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    static long u32(byte[] b, int at) {
        return i32(b, at) & 0xFFFF_FFFFL;
    }

    static long i64(byte[] b, int at) {
        return u32(b, at) | (long) i32(b, at + 4) << 32;
    }
}
