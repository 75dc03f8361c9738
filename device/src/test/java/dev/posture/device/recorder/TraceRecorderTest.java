package dev.posture.device.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.mqtt.RecordingId;
import dev.posture.protocol.trace.RawSample;
import dev.posture.protocol.trace.Rational;
import dev.posture.protocol.trace.SensorVector;
import dev.posture.protocol.trace.TraceCalibration;
import dev.posture.protocol.trace.TraceDefect;
import dev.posture.protocol.trace.TraceExport;
import dev.posture.protocol.trace.TraceHeader;
import dev.posture.protocol.trace.TraceReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceRecorderTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    static final RecordingMetadata META = new RecordingMetadata("dev-1", "MPU-6050", Rational.of(2048), 16,
            Rational.of(164, 10), 2000, Rational.of(100),
            TraceCalibration.neutralAndForward(new SensorVector(0, 0, 1), new SensorVector(1, 0, 0)));
    static final long PERIOD_US = 10_000;

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock();
    final List<RecordingInfo> deleted = new ArrayList<>();
    /** Everything offered and accepted, in order. */
    final List<RawSample> offered = new ArrayList<>();
    int next;

    TraceRecorder recorder(RecorderSettings settings) throws IOException {
        return new TraceRecorder(settings, clock, deleted::add);
    }

    static short[] countsOf(int i) {
        return new short[] {(short) i, (short) -i, (short) 2048, (short) (i * 7), (short) (i >> 3), (short) 5};
    }

    /** Offers {@code n} samples 10 ms apart, stepping the clock with them and draining every 32. */
    void record(TraceRecorder r, int n) {
        for (int k = 0; k < n; k++) {
            clock.advanceUs(PERIOD_US);
            short[] c = countsOf(next++);
            assertTrue(r.offer(clock.monoUs, c));
            offered.add(new RawSample(clock.monoUs, c[0], c[1], c[2], c[3], c[4], c[5]));
            if (k % 32 == 31) {
                r.drainOnce();
            }
        }
        r.drainOnce();
    }

    static List<RawSample> readAll(InputStream in, List<TraceDefect> defects) throws Exception {
        try (TraceReader reader = TraceReader.open(in, defects::add)) {
            List<RawSample> out = new ArrayList<>();
            for (RawSample s; (s = reader.next()) != null; ) {
                out.add(s);
            }
            return out;
        }
    }

    static List<RawSample> readAll(Path file) throws Exception {
        List<TraceDefect> defects = new ArrayList<>();
        List<RawSample> samples = readAll(Files.newInputStream(file), defects);
        assertEquals(List.of(), defects, file.toString());
        return samples;
    }

    @Test
    void recordsWhatTheLoopOfferedWithTheMetadataAndAWallClockId() throws Exception {
        TraceRecorder r = recorder(RecorderSettings.defaults(dir));
        assertFalse(r.offer(1, countsOf(0)), "not recording: nothing taken");
        RecordingId id = r.start(META);
        assertEquals("20231114-221320", id.value());
        assertTrue(r.isRecording());
        assertEquals(id, r.currentId().orElseThrow());
        long startUs = clock.monoUs;
        record(r, 1000);
        assertEquals(id, r.stop());
        assertFalse(r.isRecording());
        assertFalse(r.offer(clock.monoUs + 1, countsOf(0)));

        Path file = dir.resolve("20231114-221320.ptrace");
        assertEquals(offered, readAll(file));
        try (TraceReader reader = TraceReader.open(Files.newInputStream(file))) {
            TraceHeader h = reader.header();
            assertEquals("20231114-221320", h.recordingId());
            assertEquals("dev-1", h.deviceId());
            assertEquals(Rational.of(164, 10), h.gyroLsbPerDps());
            assertEquals(1_700_000_000_000L, h.startEpochMs());
            assertEquals(startUs, h.deviceStartUs());
            assertEquals(META.calibration(), h.calibration());
        }
        assertEquals(List.of(new RecordingInfo(id, 1_700_000_000_000L, Files.size(file), 1000,
                RecordingInfo.Status.COMPLETE)), r.list());
        assertEquals(0, r.droppedSamples());
        assertEquals(0, r.skippedSamples());
    }

    @Test
    void metadataFollowsTheHeaderRules() {
        assertEquals("device id is empty", assertThrows(IllegalArgumentException.class,
                () -> new RecordingMetadata("", "MPU-6050", Rational.of(2048), 16, Rational.of(164, 10), 2000,
                        Rational.of(100), TraceCalibration.NONE)).getMessage());
    }

    @Test
    void aSecondRecordingInTheSameSecondGetsASuffix() throws Exception {
        TraceRecorder r = recorder(RecorderSettings.defaults(dir));
        assertEquals("20231114-221320", r.start(META).value());
        r.stop();
        assertEquals("20231114-221320-2", r.start(META).value());
        r.stop();
        assertEquals("20231114-221320-3", r.start(META).value());
        assertThrows(IllegalStateException.class, () -> r.start(META));
        r.stop();
        assertThrows(IllegalStateException.class, r::stop);
    }

    @Test
    void samplesReachTheDiskOnTheFlushIntervalOfTheInjectedClock() throws Exception {
        TraceRecorder r = recorder(RecorderSettings.defaults(dir).withFlushSeconds(2));
        RecordingId id = r.start(META);
        Path file = dir.resolve(id + ".ptrace");
        record(r, 150); // 1.5 s: less than a chunk, no flush yet
        assertEquals(List.of(), readAll(file), "still in the writer's chunk buffer");
        record(r, 50); // 2.0 s since the start: the drain flushes
        assertEquals(offered, readAll(file));
        record(r, 10);
        assertEquals(200, readAll(file).size(), "the next flush is 2 s later");
        r.stop();
        assertEquals(offered, readAll(file));
    }

    @Test
    void aFullRingDropsAndCountsAndTheLoopNeverWaits() throws Exception {
        TraceRecorder r = recorder(RecorderSettings.defaults(dir).withRingCapacity(8));
        RecordingId id = r.start(META);
        int accepted = 0;
        for (int i = 0; i < 20; i++) { // the recorder thread is stalled: nobody drains
            if (r.offer(clock.monoUs + i + 1, countsOf(i))) {
                accepted++;
            }
        }
        assertEquals(8, accepted);
        assertEquals(12, r.droppedSamples());
        r.stop();
        assertEquals(8, readAll(dir.resolve(id + ".ptrace")).size());
    }

    @Test
    void samplesFromBeforeTheStartOrOutOfOrderAreSkippedNotFatal() throws Exception {
        TraceRecorder r = recorder(RecorderSettings.defaults(dir));
        RecordingId id = r.start(META);
        long t0 = clock.monoUs;
        r.offer(t0 - 1, countsOf(0)); // stamped before start()
        r.offer(t0 + 10, countsOf(1));
        r.offer(t0 + 10, countsOf(2)); // repeats the time
        r.offer(t0 + 5, countsOf(3)); // goes back
        r.offer(t0 + 20, countsOf(4));
        r.drainOnce();
        r.stop();
        List<RawSample> got = readAll(dir.resolve(id + ".ptrace"));
        assertEquals(List.of(t0 + 10, t0 + 20), got.stream().map(RawSample::timestampUs).toList());
        assertEquals(3, r.skippedSamples());
    }

    @Test
    void aLongRecordingContinuesInPartsNoneLargerThanTheLimit() throws Exception {
        RecorderSettings s = RecorderSettings.defaults(dir).withMaxFileBytes(64 * 1024);
        TraceRecorder r = recorder(s);
        RecordingId id = r.start(META);
        record(r, 12_000); // 168 kB of samples
        assertEquals(new RecordingId(id + "-p3"), r.currentId().orElseThrow());
        r.stop();
        List<RecordingInfo> list = r.list();
        assertEquals(List.of(id.value(), id + "-p2", id + "-p3"), list.stream().map(i -> i.id().value()).toList());
        List<RawSample> all = new ArrayList<>();
        for (RecordingInfo info : list) {
            Path file = dir.resolve(info.id() + ".ptrace");
            assertTrue(Files.size(file) <= 64 * 1024, info + " fits");
            assertEquals(RecordingInfo.Status.COMPLETE, info.status());
            List<RawSample> samples = readAll(file);
            assertEquals(samples.size(), info.samples());
            try (TraceReader reader = TraceReader.open(Files.newInputStream(file))) {
                assertEquals(info.id().value(), reader.header().recordingId());
                long expectedStart = info.id().equals(id) ? samples.get(0).timestampUs() - PERIOD_US
                        : samples.get(0).timestampUs(); // the first part at start(), later ones at their first sample
                assertEquals(expectedStart, reader.header().deviceStartUs());
            }
            all.addAll(samples);
        }
        assertEquals(offered, all, "no sample lost or repeated across parts");
    }

    @Test
    void aPartLongerThanTheDurationLimitIsRotated() throws Exception {
        TraceRecorder r = recorder(RecorderSettings.defaults(dir).withMaxFileSeconds(1));
        RecordingId id = r.start(META);
        record(r, 350); // 3.5 s at 100 Hz
        r.stop();
        List<RecordingInfo> list = r.list();
        assertEquals(List.of(id.value(), id + "-p2", id + "-p3", id + "-p4"),
                list.stream().map(i -> i.id().value()).toList());
        // The first part runs from start() (10 ms before the first sample); later parts from their first sample.
        assertEquals(List.of(99L, 100L, 100L, 51L), list.stream().map(RecordingInfo::samples).toList());
    }

    @Test
    void theCapDeletesTheOldestFinishedRecordingsFirst() throws Exception {
        RecorderSettings s = RecorderSettings.defaults(dir).withMaxFileBytes(64 * 1024).withCapBytes(160 * 1024);
        TraceRecorder r = recorder(s);
        List<RecordingId> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(r.start(META));
            record(r, 3000); // ~42 kB each
            r.stop();
            clock.advanceUs(60_000_000);
        }
        assertEquals(List.of(ids.get(0)), deleted.stream().map(RecordingInfo::id).toList());
        assertEquals(3000, deleted.get(0).samples(), "the report says what was lost");
        assertEquals(RecordingInfo.Status.COMPLETE, deleted.get(0).status());
        assertEquals(ids.subList(1, 4), r.list().stream().map(RecordingInfo::id).toList());
        assertTrue(r.list().stream().mapToLong(RecordingInfo::sizeBytes).sum() <= 160 * 1024);
    }

    @Test
    void theCapNeverDeletesTheFileBeingWritten() throws Exception {
        RecorderSettings s = RecorderSettings.defaults(dir).withMaxFileBytes(64 * 1024).withCapBytes(128 * 1024);
        TraceRecorder r = recorder(s);
        RecordingId id = r.start(META);
        record(r, 20_000); // ~280 kB in 5 parts
        String current = r.currentId().orElseThrow().value();
        assertEquals(id + "-p5", current);
        List<String> gone = deleted.stream().map(i -> i.id().value()).toList();
        assertEquals(List.of(id.value(), id + "-p2", id + "-p3"), gone, "oldest parts first");
        List<RecordingInfo> list = r.list();
        assertEquals(RecordingInfo.Status.RECORDING, list.get(list.size() - 1).status());
        assertEquals(current, list.get(list.size() - 1).id().value());
        r.stop();
        assertTrue(Files.exists(dir.resolve(current + ".ptrace")));
    }

    @Test
    void chunksAreTheFileAfterTheHeaderOneRangePerMessage() throws Exception {
        TraceRecorder r = recorder(RecorderSettings.defaults(dir));
        RecordingId id = r.start(META);
        record(r, 700);
        r.stop();
        byte[] file = Files.readAllBytes(dir.resolve(id + ".ptrace"));
        TraceChunks chunks = r.chunks(id);
        assertEquals(700, chunks.samples());
        assertEquals(List.of(), chunks.defects());
        // The 2 s flush ends a chunk early: it falls on the drain after 224 samples (drains every 32).
        assertEquals(List.of(224, 224, 224, 28), chunks.chunks().stream().map(ChunkRange::samples).toList());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.write(r.read(id, 0, chunks.headerBytes()));
        long sequence = 0;
        for (ChunkRange c : chunks.chunks()) {
            byte[] message = r.read(id, c);
            assertEquals("PTCK", new String(message, 0, 4, StandardCharsets.US_ASCII));
            assertEquals(sequence++, c.sequence());
            joined.write(message);
        }
        assertArrayEquals(file, joined.toByteArray(), "header + chunks = the file");
        assertEquals(offered, readAll(new ByteArrayInputStream(joined.toByteArray()), new ArrayList<>()));
    }

    @Test
    void openFeedsTheCsvExportAndUnknownIdsAreProtocolErrors() throws Exception {
        TraceRecorder r = recorder(RecorderSettings.defaults(dir));
        RecordingId id = r.start(META);
        record(r, 10);
        r.stop();
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        try (InputStream in = r.open(id)) {
            TraceExport.Summary summary = TraceExport.binaryToCsv(in, csv, d -> { });
            assertEquals(10, summary.samples());
        }
        assertTrue(csv.toString(StandardCharsets.UTF_8).startsWith("t_s,acc_x"));
        RecordingId missing = new RecordingId("20000101-000000");
        assertEquals("no recording 20000101-000000",
                assertThrows(ProtocolException.class, () -> r.open(missing)).getMessage());
        assertThrows(ProtocolException.class, () -> r.chunks(missing));
    }

    @Test
    void aFileCutMidChunkIsListedAsDamagedWithItsWholeChunksCounted() throws Exception {
        TraceRecorder r = recorder(RecorderSettings.defaults(dir));
        RecordingId id = r.start(META);
        record(r, 600);
        r.stop();
        Path file = dir.resolve(id + ".ptrace");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        RecordingInfo info = r.list().get(0);
        assertEquals(RecordingInfo.Status.DAMAGED, info.status());
        assertEquals(448, info.samples(), "chunks of 224, 224 and 152 (flush every 2 s), the last one cut");
        Files.write(dir.resolve("junk.ptrace"), new byte[] {1, 2, 3});
        assertEquals(RecordingInfo.Status.DAMAGED, r.list().get(1).status());
        Files.write(dir.resolve("Not An Id.ptrace"), new byte[] {1});
        assertEquals(2, r.list().size(), "files that are not named by a recording id are not ours");
    }

    @Test
    void theRunnerDrainsOnItsOwnThreadAndLeavesNothingBehind() throws Exception {
        TraceRecorder r = new TraceRecorder(RecorderSettings.defaults(dir), RecorderClock.system(), deleted::add);
        RecordingId id = r.start(META);
        RecorderRunner runner = RecorderRunner.start(r, 1);
        long t = System.nanoTime() / 1000;
        int accepted = 0;
        for (int i = 0; i < 5000; i++) {
            if (r.offer(t + i, countsOf(i))) {
                accepted++;
            }
        }
        runner.close();
        r.stop();
        assertEquals(5000, accepted + r.droppedSamples());
        assertEquals(accepted, readAll(dir.resolve(id + ".ptrace")).size());
    }

    @Test
    void offeringAllocatesNothing() throws Exception {
        TraceRecorder r = recorder(RecorderSettings.defaults(dir));
        r.start(META);
        short[] counts = countsOf(3);
        long tid = Thread.currentThread().getId();
        long best = Long.MAX_VALUE;
        long t = clock.monoUs;
        for (int round = 0; round < 20; round++) {
            long before = THREADS.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 4000; i++) {
                r.offer(t += 1000, counts);
            }
            best = Math.min(best, THREADS.getThreadAllocatedBytes(tid) - before);
            r.drainOnce();
        }
        r.stop();
        assertEquals(0, best, "bytes allocated in the best round of 4000 offers");
    }
}
