package dev.posture.protocol.trace;

/**
 * Byte layout of the binary trace format, version 1.x. Offsets are relative to the start of the
 * header or of a chunk; protocol/docs/trace.md has the same layout as tables.
 */
final class TraceFormat {
    private TraceFormat() {
    }

    /** "PTRC" as the first four bytes of the file. */
    static final byte[] MAGIC = {'P', 'T', 'R', 'C'};
    /** "PTCK" as the first four bytes of every chunk; the reader resynchronises on it. */
    static final byte[] SYNC = {'P', 'T', 'C', 'K'};

    /** A reader reads every minor version of its major version: minors only append header fields. */
    static final int VERSION_MAJOR = 1;
    static final int VERSION_MINOR = 0;

    // Header, version 1.0.
    static final int H_MAGIC = 0;
    static final int H_VERSION_MAJOR = 4;
    static final int H_VERSION_MINOR = 5;
    static final int H_LENGTH = 6;
    static final int H_ACCEL_LSB_PER_G = 8; // numerator u32, denominator u32
    static final int H_GYRO_LSB_PER_DPS = 16; // numerator u32, denominator u32
    static final int H_ACCEL_RANGE_G = 24;
    static final int H_GYRO_RANGE_DPS = 26;
    static final int H_SAMPLE_RATE_HZ = 28; // numerator u32, denominator u32
    static final int H_START_EPOCH_MS = 36;
    static final int H_DEVICE_START_US = 44;
    static final int H_CALIBRATION = 52;
    static final int H_NEUTRAL_UP = 53; // three i32, Q30
    static final int H_FORWARD = 65; // three i32, Q30
    static final int H_STRINGS = 77; // device id, sensor model, recording id: u8 length + UTF-8 each
    /** The 1.0 fields with three empty strings plus the CRC: anything shorter cannot be a header. */
    static final int HEADER_MIN_BYTES = H_STRINGS + 3 + 4;
    /** Bounds what a reader allocates for a header before it has checked the CRC. */
    static final int HEADER_MAX_BYTES = 4096;
    /** Magic, version and length: what a reader needs before it knows the header length. */
    static final int HEADER_PREFIX_BYTES = 8;

    static final int CALIBRATION_NONE = 0;
    static final int CALIBRATION_NEUTRAL = 1;
    static final int CALIBRATION_NEUTRAL_AND_FORWARD = 2;
    /** Calibration vector components are fixed point: value = stored / 2^30. */
    static final double Q30_ONE = 1 << 30;

    // Chunk.
    static final int C_SYNC = 0;
    static final int C_SEQUENCE = 4;
    static final int C_SAMPLE_COUNT = 8;
    static final int C_TEMPERATURE = 10;
    static final int C_FIRST_US = 12;
    static final int C_SAMPLES = 20;
    static final int CRC_BYTES = 4;

    // Sample within a chunk: time delta, then accel x/y/z and gyro x/y/z counts.
    static final int S_DELTA_US = 0;
    static final int S_COUNTS = 2;
    static final int SAMPLE_BYTES = 14;
    static final int AXES = 6;
    /** Largest gap between two samples of one chunk; a longer gap starts a new chunk. */
    static final int MAX_DELTA_US = 0xFFFF;

    static final int MAX_SAMPLES_PER_CHUNK = 4096;
    static final int MAX_CHUNK_BYTES = chunkBytes(MAX_SAMPLES_PER_CHUNK);
    /** Chunk temperature when the device did not measure one. */
    static final short NO_TEMPERATURE = Short.MIN_VALUE;

    /**
     * Sample times lie within this many microseconds (about 71 years) of the header's device start.
     * It keeps every time sum free of overflow and makes t_s = (t - start) / 1e6 exact and strictly
     * increasing in a double.
     */
    static final long TIME_WINDOW_US = 1L << 51;
    /** Bound on the header's device start, so that start +- window never overflows. */
    static final long DEVICE_START_LIMIT_US = 1L << 62;

    static int chunkBytes(int samples) {
        return C_SAMPLES + samples * SAMPLE_BYTES + CRC_BYTES;
    }

    static boolean withinTimeWindow(long timestampUs, long deviceStartUs) {
        return timestampUs >= deviceStartUs - TIME_WINDOW_US && timestampUs <= deviceStartUs + TIME_WINDOW_US;
    }

    static boolean startsWith(byte[] b, int at, int available, byte[] word) {
        int n = Math.min(available, word.length);
        for (int i = 0; i < n; i++) {
            if (b[at + i] != word[i]) {
                return false;
            }
        }
        return true;
    }
}
