package dev.posture.device.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventOutboxTest {
    private static final long CAP = 64 * 1024;

    @TempDir
    Path dir;

    private static byte[] payload(int n) {
        return ("{\"seq\":" + n + ",\"pad\":\"" + "x".repeat(80) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static int seqOf(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        return Integer.parseInt(text.substring(7, text.indexOf(',')));
    }

    /** Every record from {@code from} on, as seq numbers. */
    private static List<Integer> readAll(EventOutbox outbox, EventOutbox.Position from) throws IOException {
        List<Integer> seqs = new ArrayList<>();
        EventOutbox.Position at = from;
        for (Optional<EventOutbox.Entry> e = outbox.next(at); e.isPresent(); e = outbox.next(at)) {
            seqs.add(seqOf(e.get().payload()));
            at = e.get().end();
        }
        return seqs;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(i);
        }
        return list;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(EventOutbox.SEGMENT_SUFFIX)).sorted().toList();
        }
    }

    @Test
    void recordsComeBackInOrderAcrossSegmentsAndReopens() throws IOException {
        try (EventOutbox outbox = EventOutbox.open(dir, CAP)) {
            for (int i = 0; i < 100; i++) {
                outbox.append(payload(i));
            }
            assertEquals(100, outbox.pending());
            assertTrue(segments().size() > 1, "small segments roll over: " + segments());
            assertEquals(range(0, 100), readAll(outbox, outbox.acknowledged()));
        }
        try (EventOutbox reopened = EventOutbox.open(dir, CAP)) {
            assertEquals(100, reopened.pending());
            assertEquals(range(0, 100), readAll(reopened, reopened.acknowledged()));
            reopened.append(payload(100));
            assertEquals(range(0, 101), readAll(reopened, reopened.acknowledged()));
        }
    }

    @Test
    void theAcknowledgedPositionSurvivesOnlyWhenSavedAndAckedSegmentsGo() throws IOException {
        EventOutbox.Position afterForty;
        try (EventOutbox outbox = EventOutbox.open(dir, CAP)) {
            for (int i = 0; i < 100; i++) {
                outbox.append(payload(i));
            }
            EventOutbox.Position at = outbox.acknowledged();
            for (int i = 0; i < 40; i++) {
                at = outbox.next(at).orElseThrow().end();
            }
            afterForty = at;
            outbox.acknowledge(afterForty, 40);
            assertEquals(60, outbox.pending());
            int before = segments().size();
            outbox.saveAcknowledged();
            assertTrue(segments().size() < before, "segments wholly acknowledged are deleted");
            // An acknowledgement at or before the saved one changes nothing.
            outbox.acknowledge(new EventOutbox.Position(0, 0), 5);
            assertEquals(60, outbox.pending());
        }
        try (EventOutbox reopened = EventOutbox.open(dir, CAP)) {
            assertEquals(afterForty, reopened.acknowledged());
            assertEquals(60, reopened.pending());
            assertEquals(range(40, 100), readAll(reopened, reopened.acknowledged()));
        }
    }

    @Test
    void aCorruptAckFileMeansResendingEverythingStored() throws IOException {
        try (EventOutbox outbox = EventOutbox.open(dir, CAP)) {
            for (int i = 0; i < 10; i++) {
                outbox.append(payload(i));
            }
            outbox.acknowledge(outbox.next(outbox.acknowledged()).orElseThrow().end(), 1);
            outbox.saveAcknowledged();
        }
        byte[] ack = Files.readAllBytes(dir.resolve(EventOutbox.ACK_FILE));
        ack[3] ^= 0x40;
        Files.write(dir.resolve(EventOutbox.ACK_FILE), ack);
        try (EventOutbox reopened = EventOutbox.open(dir, CAP)) {
            assertEquals(range(0, 10), readAll(reopened, reopened.acknowledged()), "duplicates, never losses");
        }
    }

    @Test
    void aTornLastRecordIsDroppedOnOpenWhateverPartOfItMadeIt() throws IOException {
        byte[] whole = payload(5);
        // Header only partly written; header whole, payload short; all bytes there but the CRC wrong;
        // a zero-filled tail (file extended, data never written).
        for (int variant = 0; variant < 4; variant++) {
            Path sub = dir.resolve("v" + variant);
            try (EventOutbox outbox = EventOutbox.open(sub, CAP)) {
                for (int i = 0; i < 5; i++) {
                    outbox.append(payload(i));
                }
            }
            ByteBuffer torn = ByteBuffer.allocate(8 + whole.length);
            torn.putInt(whole.length).putInt(0x0badf00d).put(whole).flip();
            int keep = switch (variant) {
                case 0 -> 3;
                case 1 -> 8 + whole.length / 2;
                default -> torn.limit();
            };
            if (variant == 3) {
                torn = ByteBuffer.allocate(20);
                keep = 20;
            }
            torn.limit(keep);
            Path segment;
            try (Stream<Path> files = Files.list(sub)) {
                segment = files.filter(p -> p.toString().endsWith(EventOutbox.SEGMENT_SUFFIX)).sorted()
                        .reduce((a, b) -> b).orElseThrow();
            }
            long goodSize = Files.size(segment);
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.APPEND)) {
                channel.write(torn);
            }
            try (EventOutbox reopened = EventOutbox.open(sub, CAP)) {
                assertEquals(goodSize, Files.size(segment), "variant " + variant + ": the torn tail is cut off");
                assertEquals(5, reopened.pending(), "variant " + variant);
                reopened.append(payload(5));
                assertEquals(range(0, 6), readAll(reopened, reopened.acknowledged()), "variant " + variant);
            }
        }
    }

    @Test
    void whenFullTheOldestSegmentsGoAndTheUnsentEventsInThemAreCounted() throws IOException {
        long cap = 8 * 1024;
        try (EventOutbox outbox = EventOutbox.open(dir, cap)) {
            for (int i = 0; i < 500; i++) {
                outbox.append(payload(i));
            }
            assertTrue(outbox.sizeBytes() <= cap, "size " + outbox.sizeBytes());
            long dropped = outbox.dropped();
            assertTrue(dropped > 0);
            assertEquals(500, dropped + outbox.pending());
            List<Integer> left = readAll(outbox, outbox.acknowledged());
            assertEquals(range((int) dropped, 500), left, "the newest are kept, in order, after a gap");
            // The publisher's old position lies in a deleted segment: reading resumes at the oldest kept.
            assertEquals((int) dropped, seqOf(outbox.next(new EventOutbox.Position(0, 0)).orElseThrow().payload()));
        }
    }

    @Test
    void badInputIsRefusedAndTheOutboxStaysUsable() throws IOException {
        try (EventOutbox outbox = EventOutbox.open(dir, CAP)) {
            assertThrows(IllegalArgumentException.class, () -> outbox.append(new byte[0]));
            assertThrows(IllegalArgumentException.class, () -> outbox.append(new byte[EventOutbox.MAX_PAYLOAD + 1]));
            outbox.append(payload(1));
            assertArrayEquals(payload(1), outbox.next(outbox.acknowledged()).orElseThrow().payload());
        }
        assertThrows(IllegalArgumentException.class, () -> EventOutbox.open(dir, 100));
        try (EventOutbox first = EventOutbox.open(dir, CAP)) {
            IOException busy = assertThrows(IOException.class, () -> EventOutbox.open(dir, CAP));
            assertEquals("event outbox " + dir + ": already open in this process", busy.getMessage());
            first.append(payload(2));
        }
        try (EventOutbox again = EventOutbox.open(dir, CAP)) {
            assertEquals(List.of(1, 2), readAll(again, again.acknowledged()), "usable again once the first is closed");
        }
        Path file = dir.resolve("not-a-dir");
        Files.writeString(file, "x");
        IOException e = assertThrows(IOException.class, () -> EventOutbox.open(file, CAP));
        assertEquals("event outbox " + file + ": not a directory", e.getMessage());
    }
}
