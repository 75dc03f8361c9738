package dev.posture.device.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.mqtt.RecordingId;
import dev.posture.protocol.trace.RawSample;
import dev.posture.protocol.trace.TraceDefect;
import dev.posture.protocol.trace.TraceReader;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut leaves the file as it was at some byte: we copy it at many moments while recording
 * and cut the finished file at many offsets, and read each copy back with the protocol's reader.
 */
class PowerCutTest {
    static final long PERIOD_US = 10_000;

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock();

    static List<RawSample> read(byte[] file, List<TraceDefect> defects) throws Exception {
        try (TraceReader reader = TraceReader.open(new ByteArrayInputStream(file), defects::add)) {
            List<RawSample> out = new ArrayList<>();
            for (RawSample s; (s = reader.next()) != null; ) {
                out.add(s);
            }
            return out;
        }
    }

    @Test
    void aCopyTakenAtAnyMomentHoldsEverySampleUpToTheLastFlushAndIsClean() throws Exception {
        TraceRecorder r = new TraceRecorder(RecorderSettings.defaults(dir).withChunkSamples(64).withFlushSeconds(2),
                clock, d -> { });
        RecordingId id = r.start(TraceRecorderTest.META);
        Path file = dir.resolve(id + ".ptrace");
        List<RawSample> offered = new ArrayList<>();
        long lastDurable = 0;
        int flushesSeen = 0;
        for (int i = 0; i < 3000; i++) {
            clock.advanceUs(PERIOD_US);
            short[] c = TraceRecorderTest.countsOf(i);
            r.offer(clock.monoUs, c);
            offered.add(new RawSample(clock.monoUs, c[0], c[1], c[2], c[3], c[4], c[5]));
            if (i % 7 == 6) {
                r.drainOnce();
                List<TraceDefect> defects = new ArrayList<>();
                List<RawSample> copy = read(Files.readAllBytes(file), defects);
                assertEquals(List.of(), defects, "chunks go to the file whole");
                assertEquals(offered.subList(0, copy.size()), copy, "a prefix of what was offered");
                long durable = r.durableSamples();
                assertTrue(copy.size() >= durable, "everything fdatasynced is there");
                // What a cut now could lose: at most the flush interval (200 samples) plus one drain period.
                assertTrue(offered.size() - durable <= 200 + 7, "at most one flush interval at risk: "
                        + (offered.size() - durable));
                if (durable != lastDurable) {
                    flushesSeen++;
                    lastDurable = durable;
                }
            }
        }
        r.stop();
        assertTrue(flushesSeen >= 14, "flushed every 2 s of the 30 s: " + flushesSeen);
        assertEquals(offered, read(Files.readAllBytes(file), new ArrayList<>()));
    }

    @Test
    void aFileCutAtAnyByteKeepsEveryWholeChunkAndReportsTheTornOne() throws Exception {
        TraceRecorder r = new TraceRecorder(RecorderSettings.defaults(dir).withChunkSamples(50), clock, d -> { });
        RecordingId id = r.start(TraceRecorderTest.META);
        for (int i = 0; i < 1000; i++) {
            clock.advanceUs(PERIOD_US + (i % 3)); // some jitter in the deltas
            r.offer(clock.monoUs, TraceRecorderTest.countsOf(i));
            if (i % 40 == 39) {
                r.drainOnce();
            }
        }
        r.stop();
        byte[] whole = Files.readAllBytes(dir.resolve(id + ".ptrace"));
        List<RawSample> all = read(whole, new ArrayList<>());
        TraceChunks chunks = r.chunks(id);
        assertEquals(1000, all.size());

        TreeSet<Integer> cuts = new TreeSet<>();
        Random random = new Random(20250114);
        for (int k = 0; k < 400; k++) {
            cuts.add(chunks.headerBytes() + random.nextInt(whole.length - chunks.headerBytes() + 1));
        }
        for (ChunkRange c : chunks.chunks()) { // at, just after and just before every boundary
            for (int d = -1; d <= 4; d++) {
                cuts.add((int) Math.min(whole.length, Math.max(chunks.headerBytes(), c.offset() + d)));
            }
        }
        for (int cut : cuts) {
            int expected = 0;
            boolean atBoundary = cut == chunks.headerBytes();
            for (ChunkRange c : chunks.chunks()) {
                if (c.offset() + c.length() <= cut) {
                    expected += c.samples();
                }
                atBoundary |= c.offset() + c.length() == cut;
            }
            List<TraceDefect> defects = new ArrayList<>();
            List<RawSample> got = read(Arrays.copyOf(whole, cut), defects);
            assertEquals(all.subList(0, expected), got, "cut at byte " + cut);
            if (atBoundary) {
                assertEquals(List.of(), defects, "a cut between chunks is a valid shorter file, byte " + cut);
            } else {
                assertEquals(1, defects.size(), "cut at byte " + cut + ": " + defects);
                assertEquals(TraceDefect.Kind.TRUNCATED, defects.get(0).kind(), defects.get(0).message());
            }
        }
    }

    @Test
    void aCutInsideTheHeaderIsListedAsDamagedAndCannotBeFetched() throws Exception {
        TraceRecorder r = new TraceRecorder(RecorderSettings.defaults(dir), clock, d -> { });
        RecordingId id = r.start(TraceRecorderTest.META);
        r.stop();
        Path file = dir.resolve(id + ".ptrace");
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 40));
        TraceRecorder fresh = new TraceRecorder(RecorderSettings.defaults(dir), clock, d -> { }); // after reboot
        RecordingInfo info = fresh.list().get(0);
        assertEquals(RecordingInfo.Status.DAMAGED, info.status());
        assertEquals(40, info.sizeBytes());
        ProtocolException e = assertThrows(ProtocolException.class, () -> fresh.chunks(id));
        assertTrue(e.getMessage().startsWith("byte "), e.getMessage());
    }
}
