package dev.posture.protocol.console;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.posture.protocol.console.LineFeed.Result;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arbitrary bytes into the assembler and the parser: nothing throws, the results match the
 * independent {@link ReferenceLineModel} exactly, only a line end completes anything (at most one
 * result each), no line exceeds 256 bytes, and every parsed request survives its canonical line.
 * Short fuzz inputs seldom reach 256 bytes, so an assembler with an 8-byte limit is checked against
 * the model too.
 */
class ConsoleRequestDecoderFuzzTest {

    @FuzzTest
    void bytesBecomeExactlyTheLinesAndErrorsTheModelPredicts(byte[] data) {
        LineAssembler lines = LineAssembler.forRequests();
        ConsoleRequestDecoder decoder = new ConsoleRequestDecoder();
        List<Result> results = new ArrayList<>();
        int lineEnds = 0;
        for (byte b : data) {
            boolean lineEnd = b == '\r' || b == '\n';
            if (lineEnd) {
                lineEnds++;
            }
            LineEvent event = lines.accept(b);
            ParsedLine parsed = decoder.accept(b);
            if (event == LineEvent.NONE) {
                assertNull(parsed);
                continue;
            }
            assertTrue(lineEnd, "only a line end completes anything");
            assertNotNull(parsed);
            if (event == LineEvent.LINE) {
                String text = lines.line().toString();
                assertTrue(text.length() <= ConsoleLimits.MAX_REQUEST_BYTES);
                results.add(Result.line(text));
                assertEquals(ConsoleRequestParser.parse(text), parsed);
                if (parsed instanceof ConsoleRequest request && request.toLine().length() <= ConsoleLimits.MAX_REQUEST_BYTES) {
                    assertEquals(request, ConsoleRequestParser.parse(request.toLine()), request.toLine());
                }
            } else {
                ConsoleError error = lines.error();
                assertEquals(error, parsed);
                results.add(Result.error(error));
            }
        }
        assertTrue(results.size() <= lineEnds);
        assertEquals(ReferenceLineModel.results(data, ConsoleLimits.MAX_REQUEST_BYTES), results);
        assertEquals(ReferenceLineModel.results(data, 8), LineFeed.BYTE_BY_BYTE.feed(data, ignored -> new LineAssembler(8)));
    }
}
