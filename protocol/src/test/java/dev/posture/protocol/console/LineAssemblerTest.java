package dev.posture.protocol.console;

import dev.posture.protocol.ThreadAllocation;
import dev.posture.protocol.console.LineFeed.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LineAssemblerTest {

    private static final Result TOO_LONG = new Result(LineEvent.TOO_LONG, "line longer than 256 bytes");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Result line(String text) {
        return Result.line(text);
    }

    private static Result badByte(String message) {
        return new Result(LineEvent.BAD_BYTE, message);
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void lfEndsALine(LineFeed feed) {
        assertEquals(List.of(line("STATUS"), line("GET threshold_deg")), feed.feed(ascii("STATUS\nGET threshold_deg\n")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void crlfIsOneLineEnd(LineFeed feed) {
        assertEquals(List.of(line("STATUS"), line("VERSION")), feed.feed(ascii("STATUS\r\nVERSION\r\n")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void bareCrEndsALineAsPicocomSendsIt(LineFeed feed) {
        assertEquals(List.of(line("STATUS"), line("VERSION")), feed.feed(ascii("STATUS\rVERSION\r")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void crCrLfIsALineAndABlankLine(LineFeed feed) {
        assertEquals(List.of(line("STATUS"), line("VERSION")), feed.feed(ascii("STATUS\r\r\nVERSION\n")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void lfCrIsALineAndABlankLine(LineFeed feed) {
        assertEquals(List.of(line("HELP"), line("STATUS")), feed.feed(ascii("HELP\n\rSTATUS\n")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void blankLinesCompleteNothing(LineFeed feed) {
        assertEquals(List.of(), feed.feed(ascii("\n\n\r\n\r\r   \t \n\t\r\n")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void blanksAroundWordsAreKeptForTheParser(LineFeed feed) {
        assertEquals(List.of(line("  GET\tthreshold_deg  ")), feed.feed(ascii("  GET\tthreshold_deg  \r\n")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void anUnterminatedLineCompletesNothing(LineFeed feed) {
        assertEquals(List.of(line("HELP")), feed.feed(ascii("HELP\nSTATUS")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void aLineOfExactly256BytesIsAccepted(LineFeed feed) {
        String longest = "SET device_id " + "x".repeat(256 - 14);
        assertEquals(256, longest.length());
        assertEquals(List.of(line(longest)), feed.feed(ascii(longest + "\r\n")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void a257ByteLineGivesOneErrorAndTheNextLineParses(LineFeed feed) {
        String tooLong = "x".repeat(257);
        assertEquals(List.of(TOO_LONG, line("STATUS")), feed.feed(ascii(tooLong + "\nSTATUS\n")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void a10000ByteLineGivesOneError(LineFeed feed) {
        String huge = "SET device_id " + "y".repeat(10_000 - 14);
        assertEquals(List.of(TOO_LONG, line("VERSION")), feed.feed(ascii(huge + "\r\nVERSION\r\n")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void aTooLongLineEndedByCrSwallowsItsLf(LineFeed feed) {
        assertEquals(List.of(TOO_LONG, line("HELP")), feed.feed(ascii("z".repeat(300) + "\r\nHELP\r\n")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void nulRejectsTheLineNamingItsOffset(LineFeed feed) {
        assertEquals(List.of(badByte("byte 0x00 at offset 3 is not printable ASCII"), line("STATUS")),
                feed.feed(ascii("GET\0threshold_deg\nSTATUS\n")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void binaryNoiseGivesOneErrorPerLineForItsFirstBadByte(LineFeed feed) {
        byte[] noise = new byte[128];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) (0x80 + i);
        }
        byte[] bytes = concat(ascii("OK"), noise, ascii("\n"), noise, ascii("\r\nVERSION\r\n"));
        assertEquals(List.of(
                        badByte("byte 0x80 at offset 2 is not printable ASCII"),
                        badByte("byte 0x80 at offset 0 is not printable ASCII"),
                        line("VERSION")),
                feed.feed(bytes));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void everyControlByteExceptTabIsBad(LineFeed feed) {
        for (int c = 0; c < 0x20; c++) {
            if (c == '\t' || c == '\n' || c == '\r' || c == 0x08) {
                continue;
            }
            assertEquals(List.of(badByte(String.format("byte 0x%02x at offset 1 is not printable ASCII", c))),
                    feed.feed(new byte[] {'A', (byte) c, 'B', '\n'}), "byte " + c);
        }
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void anArrowKeyEscapeSequenceIsABadByte(LineFeed feed) {
        assertEquals(List.of(badByte("byte 0x1b at offset 6 is not printable ASCII")),
                feed.feed(ascii("STATUS\u001b[A\r")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void theFirstProblemInALineWins(LineFeed feed) {
        assertEquals(List.of(badByte("byte 0x07 at offset 1 is not printable ASCII"), TOO_LONG),
                feed.feed(ascii("a\u0007" + "b".repeat(400) + "\n" + "c".repeat(400) + "\u0007\n")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void delAndBsEraseThePreviousByte(LineFeed feed) {
        assertEquals(List.of(line("STATUS"), line("SNOOZE 30")),
                feed.feed(ascii("STATX\u007fUS\rSNOOZE 300\b\r")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void erasingAtTheStartOfALineDoesNothing(LineFeed feed) {
        assertEquals(List.of(line("HELP")), feed.feed(ascii("\u007f\b\u007fHELP\r")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void aLineErasedToNothingIsBlank(LineFeed feed) {
        assertEquals(List.of(), feed.feed(ascii("GET\u007f\u007f\u007f\r")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void offsetsCountErasedAndErasingBytes(LineFeed feed) {
        assertEquals(List.of(badByte("byte 0x01 at offset 3 is not printable ASCII")),
                feed.feed(ascii("AB\u007f\u0001\n")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void erasingMakesRoomButCannotRescueATooLongLine(LineFeed feed) {
        String full = "x".repeat(256);
        assertEquals(List.of(line("x".repeat(255) + "y"), TOO_LONG),
                feed.feed(ascii(full + "\u007fy\n" + full + "z\u007f\n")));
    }

    @ParameterizedTest
    @EnumSource(LineFeed.class)
    void deviceLinesMayBe1024Bytes(LineFeed feed) {
        String longest = "OK " + "k".repeat(1021);
        List<Result> results = feed.feed(ascii(longest + "\r\n" + longest + "k\r\nOK\r\n"), ignored -> LineAssembler.forDeviceLines());
        assertEquals(List.of(line(longest), new Result(LineEvent.TOO_LONG, "line longer than 1024 bytes"), line("OK")), results);
    }

    @Test
    void theLineViewReadsTheBufferUntilTheNextByte() {
        LineAssembler lines = LineAssembler.forRequests();
        for (byte b : ascii("GET")) {
            assertEquals(LineEvent.NONE, lines.accept(b));
        }
        assertEquals(LineEvent.LINE, lines.accept((byte) '\r'));
        CharSequence view = lines.line();
        assertEquals(3, view.length());
        assertEquals('E', view.charAt(1));
        assertEquals("ET", view.subSequence(1, 3).toString());
        assertThrows(IndexOutOfBoundsException.class, () -> view.charAt(3));
        assertEquals(LineEvent.NONE, lines.accept((byte) '\n'));
        assertEquals(0, view.length());
    }

    @Test
    void errorIsOnlyAvailableAfterAnErrorEvent() {
        LineAssembler lines = LineAssembler.forRequests();
        lines.accept((byte) 'A');
        assertThrows(IllegalStateException.class, lines::error);
        lines.accept((byte) 0);
        assertEquals(LineEvent.BAD_BYTE, lines.accept((byte) '\n'));
        assertEquals(new ConsoleError(ConsoleErrorCode.BAD_BYTE, "byte 0x00 at offset 1 is not printable ASCII"), lines.error());
    }

    @Test
    void resetDropsThePartialLine() {
        LineAssembler lines = LineAssembler.forRequests();
        for (byte b : ascii("GARBAGE\u0000\r")) {
            lines.accept(b);
        }
        for (byte b : ascii("HALF")) {
            lines.accept(b);
        }
        lines.reset();
        // The reset also forgets the CR: this LF is a line end of its own, for an empty line.
        assertEquals(LineEvent.NONE, lines.accept((byte) '\n'));
        for (byte b : ascii("STATUS")) {
            lines.accept(b);
        }
        assertEquals(LineEvent.LINE, lines.accept((byte) '\n'));
        assertEquals("STATUS", lines.line().toString());
    }

    @Test
    void theLimitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new LineAssembler(0));
    }

    @Test
    void feedingBytesAllocatesNothing() {
        LineAssembler lines = LineAssembler.forRequests();
        byte[] traffic = ascii("STREAM ON 25\r\nST\u007fTATUS\r" + "q".repeat(300) + "\n\u0000\n\n");
        long checksum = 0;
        // Warm up so that class loading and compilation are not counted.
        for (int round = 0; round < 2_000; round++) {
            checksum += feedAll(lines, traffic);
        }
        long before = ThreadAllocation.bytes();
        for (int round = 0; round < 10_000; round++) {
            checksum += feedAll(lines, traffic);
        }
        long allocated = ThreadAllocation.bytes() - before;
        assertEquals(12_000L * 2 * 'S', checksum, "two lines starting with S per round");
        // Feeding 3.4 MB; a single allocation per line would be 160 kB or more.
        assertEquals(true, allocated < 4_096, "allocated " + allocated + " bytes");
    }

    /** Sums the first char of every line so that the JIT cannot drop the reads. */
    private static long feedAll(LineAssembler lines, byte[] traffic) {
        long sum = 0;
        for (byte b : traffic) {
            if (lines.accept(b) == LineEvent.LINE) {
                sum += lines.line().charAt(0);
            }
        }
        return sum;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] part : parts) {
            n += part.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
