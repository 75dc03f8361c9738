package dev.posture.device.recorder;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the recorder uses its directory. Sizes in bytes, times in seconds.
 *
 * @param directory        where {@code <id>.ptrace} files live (created if missing)
 * @param maxFileBytes     a file never grows past this; the recording goes on in a new part
 *                         (default 64 MiB; at least 64 KiB)
 * @param maxFileSeconds   a part longer than this (by sample time) is closed and a new part started
 *                         (default 1 h; 0 = no limit)
 * @param capBytes         all trace files together; above it the oldest finished ones are deleted
 *                         (default 512 MiB; at least 2 x maxFileBytes, so the file being written
 *                         always fits)
 * @param flushSeconds     fdatasync period: what a power cut can take (default 2 s; 0.1..60)
 * @param chunkSamples     samples per chunk (default 256, 1..4096; a chunk is 24 + 14 n bytes)
 * @param ringCapacity     samples the loop can get ahead of the disk (power of two, default 8192)
 */
public record RecorderSettings(Path directory, long maxFileBytes, long maxFileSeconds, long capBytes,
                               double flushSeconds, int chunkSamples, int ringCapacity) {
    public static final long MIB = 1L << 20;
    public static final long DEFAULT_MAX_FILE_BYTES = 64 * MIB;
    public static final long DEFAULT_MAX_FILE_SECONDS = 3600;
    public static final long DEFAULT_CAP_BYTES = 512 * MIB;
    public static final double DEFAULT_FLUSH_SECONDS = 2.0;
    public static final long MIN_FILE_BYTES = 64 * 1024;

    public RecorderSettings {
        Objects.requireNonNull(directory, "directory");
        if (maxFileBytes < MIN_FILE_BYTES) {
            throw new IllegalArgumentException("max file size " + maxFileBytes + " bytes is below " + MIN_FILE_BYTES);
        }
        if (maxFileSeconds < 0) {
            throw new IllegalArgumentException("max file duration " + maxFileSeconds + " s is negative");
        }
        if (capBytes < 2 * maxFileBytes) {
            throw new IllegalArgumentException("directory cap " + capBytes + " bytes is below twice the max file size "
                    + maxFileBytes);
        }
        if (!(flushSeconds >= 0.1 && flushSeconds <= 60)) {
            throw new IllegalArgumentException("flush interval " + flushSeconds + " s outside 0.1..60");
        }
        if (chunkSamples < 1 || chunkSamples > 4096) {
            throw new IllegalArgumentException("chunk size " + chunkSamples + " outside 1..4096");
        }
        if (ringCapacity < 2 || ringCapacity > (1 << 20) || Integer.bitCount(ringCapacity) != 1) {
            throw new IllegalArgumentException("ring capacity must be a power of two in 2..2^20, got " + ringCapacity);
        }
    }

    /** The defaults for {@code directory}. */
    public static RecorderSettings defaults(Path directory) {
        return new RecorderSettings(directory, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILE_SECONDS, DEFAULT_CAP_BYTES,
                DEFAULT_FLUSH_SECONDS, 256, SampleRing.DEFAULT_CAPACITY);
    }

    public RecorderSettings withMaxFileBytes(long bytes) {
        return new RecorderSettings(directory, bytes, maxFileSeconds, capBytes, flushSeconds, chunkSamples, ringCapacity);
    }

    public RecorderSettings withMaxFileSeconds(long seconds) {
        return new RecorderSettings(directory, maxFileBytes, seconds, capBytes, flushSeconds, chunkSamples, ringCapacity);
    }

    public RecorderSettings withCapBytes(long bytes) {
        return new RecorderSettings(directory, maxFileBytes, maxFileSeconds, bytes, flushSeconds, chunkSamples, ringCapacity);
    }

    public RecorderSettings withFlushSeconds(double seconds) {
        return new RecorderSettings(directory, maxFileBytes, maxFileSeconds, capBytes, seconds, chunkSamples, ringCapacity);
    }

    public RecorderSettings withChunkSamples(int samples) {
        return new RecorderSettings(directory, maxFileBytes, maxFileSeconds, capBytes, flushSeconds, samples, ringCapacity);
    }

    public RecorderSettings withRingCapacity(int samples) {
        return new RecorderSettings(directory, maxFileBytes, maxFileSeconds, capBytes, flushSeconds, chunkSamples, samples);
    }
}
