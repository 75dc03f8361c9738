package dev.posture.protocol.console;

import dev.posture.protocol.OneByteInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The ways the tests deliver bytes to a {@link LineAssembler}: straight into {@code accept}, one
 * byte per read through {@link OneByteInputStream}, and in random chunks. Every assembler test runs
 * in each mode and must see the same results.
 */
enum LineFeed {
    BYTE_BY_BYTE,
    ONE_BYTE_STREAM,
    RANDOM_CHUNKS;

    /** What an assembler reported: a line's text, or an error's message. */
    record Result(LineEvent event, String text) {
        static Result line(String text) {
            return new Result(LineEvent.LINE, text);
        }

        static Result error(ConsoleError error) {
            return new Result(LineEvent.valueOf(error.code().name()), error.message());
        }
    }

    List<Result> feed(byte[] bytes, IntFunction<LineAssembler> newAssembler) {
        switch (this) {
            case BYTE_BY_BYTE:
                return direct(bytes, newAssembler.apply(0));
            case ONE_BYTE_STREAM:
                return read(new OneByteInputStream(bytes), newAssembler.apply(0));
            default:
                // Several chunkings; all must agree.
                List<Result> first = read(new RandomChunkInputStream(bytes, 1), newAssembler.apply(0));
                for (long seed = 2; seed <= 6; seed++) {
                    List<Result> other = read(new RandomChunkInputStream(bytes, seed), newAssembler.apply(0));
                    if (!other.equals(first)) {
                        throw new AssertionError("chunking with seed " + seed + " gave " + other + " instead of " + first);
                    }
                }
                return first;
        }
    }

    List<Result> feed(byte[] bytes) {
        return feed(bytes, ignored -> LineAssembler.forRequests());
    }

    private static List<Result> direct(byte[] bytes, LineAssembler lines) {
        List<Result> results = new ArrayList<>();
        for (byte b : bytes) {
            LineEvent event = lines.accept(b);
            if (event == LineEvent.LINE) {
                results.add(Result.line(lines.line().toString()));
            } else if (event != LineEvent.NONE) {
                results.add(Result.error(lines.error()));
            }
        }
        return results;
    }

    private static List<Result> read(InputStream in, LineAssembler lines) {
        ConsoleLineReader reader = new ConsoleLineReader(in, lines);
        List<Result> results = new ArrayList<>();
        try {
            for (LineEvent event = reader.next(); event != null; event = reader.next()) {
                results.add(event == LineEvent.LINE ? Result.line(reader.line().toString()) : Result.error(reader.error()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return results;
    }
}
