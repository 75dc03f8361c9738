package dev.posture.device.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bounded queue's drop rules: STREAM first, EVENT past a reserve, replies never (they wait). */
class ConsoleOutputTest {
    private static final byte[] LINE = "OK\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void streamIsDroppedWhenFullEventsUseTheReserveThenDrop() throws Exception {
        ConsoleOutput out = new ConsoleOutput(2, 1);
        assertTrue(out.offer(LineSink.Kind.STREAM, LINE, LINE.length));
        assertTrue(out.offer(LineSink.Kind.EVENT, LINE, LINE.length));
        assertFalse(out.offer(LineSink.Kind.STREAM, LINE, LINE.length));
        assertTrue(out.offer(LineSink.Kind.EVENT, LINE, LINE.length)); // the reserve
        assertFalse(out.offer(LineSink.Kind.EVENT, LINE, LINE.length));
        assertEquals(1, out.droppedStream());
        assertEquals(1, out.droppedEvents());
        assertEquals(3, out.size());
        assertArrayEquals(LINE, out.poll(0));
    }

    @Test
    void aReplyWaitsForRoomAndIsNeverDropped() throws Exception {
        ConsoleOutput out = new ConsoleOutput(1, 0);
        byte[] first = "OK first\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "OK second\r\n".getBytes(StandardCharsets.US_ASCII);
        assertTrue(out.offer(LineSink.Kind.REPLY, first, first.length));
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(
                () -> out.offer(LineSink.Kind.REPLY, second, second.length));
        assertArrayEquals(first, out.poll(TimeUnit.SECONDS.toNanos(20)));
        assertTrue(waiting.get(20, TimeUnit.SECONDS));
        assertArrayEquals(second, out.poll(TimeUnit.SECONDS.toNanos(20)));
        assertNull(out.poll(0));
    }

    @Test
    void clearAndCloseReleaseAWaitingReply() throws Exception {
        ConsoleOutput out = new ConsoleOutput(1, 0);
        out.offer(LineSink.Kind.TRANSFER, LINE, LINE.length);
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> out.offer(LineSink.Kind.TRANSFER, LINE, LINE.length));
        awaitWaiting(out);
        out.clear(); // the port went away: the line was for that connection
        assertFalse(waiting.get(20, TimeUnit.SECONDS));
        assertEquals(0, out.size());
        out.offer(LineSink.Kind.REPLY, LINE, LINE.length);
        CompletableFuture<Boolean> closing = CompletableFuture.supplyAsync(() -> out.offer(LineSink.Kind.REPLY, LINE, LINE.length));
        awaitWaiting(out);
        out.close();
        assertFalse(closing.get(20, TimeUnit.SECONDS));
        assertFalse(out.offer(LineSink.Kind.REPLY, LINE, LINE.length));
        assertNull(out.poll(TimeUnit.SECONDS.toNanos(20)), "a closed queue returns at once");
    }

    private static void awaitWaiting(ConsoleOutput out) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (out.waitingSenders() == 0) {
            assertTrue(System.nanoTime() < deadline, "the sender reaches its wait");
            Thread.sleep(1); // polling another thread's state
        }
    }
}
