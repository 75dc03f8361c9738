package dev.posture.protocol.console;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One parsed console request. The companion builds these and sends {@link #toLine()}; the device
 * gets them from {@link ConsoleRequestParser}. Keys are kept lowercased; values, pattern names and
 * trace ids keep their case.
 */
public sealed interface ConsoleRequest extends ParsedLine {

    /** The first word of the request. */
    ConsoleCommand command();

    /** The request in canonical form (upper-case keywords, single spaces), without line end. */
    String toLine();

    /** {@code HELP [command]}: the command list, or the forms of one command. */
    record Help(Optional<ConsoleCommand> topic) implements ConsoleRequest {
        public Help {
            Objects.requireNonNull(topic, "topic");
        }

        public Help() {
            this(Optional.empty());
        }

        @Override
        public ConsoleCommand command() {
            return ConsoleCommand.HELP;
        }

        @Override
        public String toLine() {
            return topic.map(t -> "HELP " + t.keyword()).orElse("HELP");
        }
    }

    /** {@code VERSION}. */
    record Version() implements ConsoleRequest {
        @Override
        public ConsoleCommand command() {
            return ConsoleCommand.VERSION;
        }

        @Override
        public String toLine() {
            return "VERSION";
        }
    }

    /** {@code STATUS}. */
    record Status() implements ConsoleRequest {
        @Override
        public ConsoleCommand command() {
            return ConsoleCommand.STATUS;
        }

        @Override
        public String toLine() {
            return "STATUS";
        }
    }

    /** {@code GET [key]}: one setting, or all of them. */
    record Get(Optional<String> key) implements ConsoleRequest {
        public Get {
            key = Objects.requireNonNull(key, "key").map(k -> k.toLowerCase(Locale.ROOT));
        }

        public Get() {
            this(Optional.empty());
        }

        public Get(String key) {
            this(Optional.of(key));
        }

        @Override
        public ConsoleCommand command() {
            return ConsoleCommand.GET;
        }

        @Override
        public String toLine() {
            return key.map(k -> "GET " + k).orElse("GET");
        }
    }

    /**
     * {@code SET key value}. The value is the text the config model validates, unchanged: the rest
     * of the line after the key, trimmed, or the content of a quoted string.
     */
    record Set(String key, String value) implements ConsoleRequest {
        public Set {
            key = Objects.requireNonNull(key, "key").toLowerCase(Locale.ROOT);
            Objects.requireNonNull(value, "value");
        }

        @Override
        public ConsoleCommand command() {
            return ConsoleCommand.SET;
        }

        @Override
        public String toLine() {
            StringBuilder line = new StringBuilder("SET ").append(key).append(' ');
            if (ConsoleQuoting.setValueNeedsQuotes(value)) {
                ConsoleQuoting.appendQuoted(line, value);
            } else {
                line.append(value);
            }
            return line.toString();
        }
    }

    /** {@code CALIBRATE NEUTRAL|LEAN}. */
    record Calibrate(CalibrationPose pose) implements ConsoleRequest {
        public Calibrate {
            Objects.requireNonNull(pose, "pose");
        }

        @Override
        public ConsoleCommand command() {
            return ConsoleCommand.CALIBRATE;
        }

        @Override
        public String toLine() {
            return "CALIBRATE " + pose.name();
        }
    }

    /** {@code CUE TEST [pattern]}: the configured cue, or a named pattern, played once. */
    record CueTest(Optional<String> pattern) implements ConsoleRequest {
        public CueTest {
            Objects.requireNonNull(pattern, "pattern");
        }

        public CueTest() {
            this(Optional.empty());
        }

        public CueTest(String pattern) {
            this(Optional.of(pattern));
        }

        @Override
        public ConsoleCommand command() {
            return ConsoleCommand.CUE;
        }

        @Override
        public String toLine() {
            return pattern.map(p -> "CUE TEST " + p).orElse("CUE TEST");
        }
    }

    /** {@code STREAM ON [hz]}; without a rate the device uses {@link ConsoleLimits#DEFAULT_STREAM_HZ}. */
    record StreamOn(OptionalInt hz) implements ConsoleRequest {
        public StreamOn {
            Objects.requireNonNull(hz, "hz");
        }

        public StreamOn() {
            this(OptionalInt.empty());
        }

        public StreamOn(int hz) {
            this(OptionalInt.of(hz));
        }

        /** The rate to stream at, lines per second. */
        public int hzOrDefault() {
            return hz.orElse(ConsoleLimits.DEFAULT_STREAM_HZ);
        }

        @Override
        public ConsoleCommand command() {
            return ConsoleCommand.STREAM;
        }

        @Override
        public String toLine() {
            return hz.isPresent() ? "STREAM ON " + hz.getAsInt() : "STREAM ON";
        }
    }

    /** {@code STREAM OFF}. */
    record StreamOff() implements ConsoleRequest {
        @Override
        public ConsoleCommand command() {
            return ConsoleCommand.STREAM;
        }

        @Override
        public String toLine() {
            return "STREAM OFF";
        }
    }

    /** {@code SNOOZE minutes}: no posture cues for that long; 0 ends a snooze. */
    record Snooze(int minutes) implements ConsoleRequest {
        @Override
        public ConsoleCommand command() {
            return ConsoleCommand.SNOOZE;
        }

        @Override
        public String toLine() {
            return "SNOOZE " + minutes;
        }
    }

    /** {@code TRACE LIST}. */
    record TraceList() implements ConsoleRequest {
        @Override
        public ConsoleCommand command() {
            return ConsoleCommand.TRACE;
        }

        @Override
        public String toLine() {
            return "TRACE LIST";
        }
    }

    /** {@code TRACE START}. */
    record TraceStart() implements ConsoleRequest {
        @Override
        public ConsoleCommand command() {
            return ConsoleCommand.TRACE;
        }

        @Override
        public String toLine() {
            return "TRACE START";
        }
    }

    /** {@code TRACE STOP}. */
    record TraceStop() implements ConsoleRequest {
        @Override
        public ConsoleCommand command() {
            return ConsoleCommand.TRACE;
        }

        @Override
        public String toLine() {
            return "TRACE STOP";
        }
    }

    /** {@code TRACE GET id}: one recording, sent as {@code * TRACE} lines after the OK. */
    record TraceGet(String id) implements ConsoleRequest {
        public TraceGet {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public ConsoleCommand command() {
            return ConsoleCommand.TRACE;
        }

        @Override
        public String toLine() {
            return "TRACE GET " + id;
        }
    }
}
