package dev.posture.protocol.console;

import dev.posture.protocol.ProtocolException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Turns one request line into a {@link ConsoleRequest}, or into the {@link ConsoleError} to answer
 * with. Never throws: every input, including text that did not come through a
 * {@link LineAssembler}, has an answer.
 *
 * <p>Words are separated by runs of spaces and tabs; leading and trailing blanks are ignored.
 * Keywords match in any letter case; keys are lowercased; values, pattern names and trace ids keep
 * their case. Only the ranges the grammar itself defines are checked here (stream rate, snooze
 * minutes); config keys and values are the config model's business.
 */
public final class ConsoleRequestParser {

    private ConsoleRequestParser() {
    }

    public static ParsedLine parse(CharSequence line) {
        if (line.length() > ConsoleLimits.MAX_REQUEST_BYTES) {
            return ConsoleError.tooLong(ConsoleLimits.MAX_REQUEST_BYTES);
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!LineAssembler.isLineByte(c)) {
                return ConsoleError.badByte(c, i);
            }
        }
        Words words = Words.split(line);
        if (words.count() == 0) {
            return syntax("empty line");
        }
        String keyword = words.get(0);
        Optional<ConsoleCommand> command = ConsoleCommand.fromWord(keyword);
        if (command.isEmpty()) {
            return unknownCommand(keyword);
        }
        switch (command.get()) {
            case HELP:
                return help(words);
            case VERSION:
                return words.count() > 1 ? unexpected(words, 1, ConsoleCommand.VERSION.usage()) : new ConsoleRequest.Version();
            case STATUS:
                return words.count() > 1 ? unexpected(words, 1, ConsoleCommand.STATUS.usage()) : new ConsoleRequest.Status();
            case GET:
                return get(words);
            case SET:
                return set(line, words);
            case CALIBRATE:
                return calibrate(words);
            case CUE:
                return cue(words);
            case STREAM:
                return stream(words);
            case SNOOZE:
                return snooze(words);
            case TRACE:
                return trace(words);
            default:
                return new ConsoleError(ConsoleErrorCode.INTERNAL, "no parser for " + command.get());
        }
    }

    private static ParsedLine help(Words words) {
        if (words.count() == 1) {
            return new ConsoleRequest.Help();
        }
        if (words.count() > 2) {
            return unexpected(words, 2, ConsoleCommand.HELP.usage());
        }
        Optional<ConsoleCommand> topic = ConsoleCommand.fromWord(words.get(1));
        if (topic.isEmpty()) {
            return unknownCommand(words.get(1));
        }
        return new ConsoleRequest.Help(topic);
    }

    private static ParsedLine get(Words words) {
        if (words.count() == 1) {
            return new ConsoleRequest.Get();
        }
        if (words.count() > 2) {
            return unexpected(words, 2, ConsoleCommand.GET.usage());
        }
        return new ConsoleRequest.Get(words.get(1));
    }

    /** The value is the rest of the line after the key, so it may hold blanks; see {@link ConsoleQuoting}. */
    private static ParsedLine set(CharSequence line, Words words) {
        String usage = ConsoleCommand.SET.usage();
        if (words.count() == 1) {
            return missing("key", usage);
        }
        if (words.count() == 2) {
            return missing("value", usage);
        }
        String key = words.get(1);
        int start = words.start(2);
        int end = line.length();
        while (ConsoleQuoting.isBlank(line.charAt(end - 1))) {
            end--;
        }
        if (line.charAt(start) != '"') {
            return new ConsoleRequest.Set(key, line.subSequence(start, end).toString());
        }
        StringBuilder value = new StringBuilder();
        try {
            int after = ConsoleQuoting.readQuoted(line, start, value, 0);
            if (after != end) {
                return syntax("value of " + key + ": text after the closing quote at offset " + after);
            }
        } catch (ProtocolException e) {
            return syntax("value of " + key + ": " + e.getMessage());
        }
        return new ConsoleRequest.Set(key, value.toString());
    }

    private static ParsedLine calibrate(Words words) {
        String usage = ConsoleCommand.CALIBRATE.usage();
        if (words.count() == 1) {
            return missing("NEUTRAL|LEAN", usage);
        }
        CalibrationPose pose;
        if (words.is(1, "NEUTRAL")) {
            pose = CalibrationPose.NEUTRAL;
        } else if (words.is(1, "LEAN")) {
            pose = CalibrationPose.LEAN;
        } else {
            return unexpected(words, 1, usage);
        }
        return words.count() > 2 ? unexpected(words, 2, usage) : new ConsoleRequest.Calibrate(pose);
    }

    private static ParsedLine cue(Words words) {
        String usage = ConsoleCommand.CUE.usage();
        if (words.count() == 1) {
            return missing("TEST", usage);
        }
        if (!words.is(1, "TEST")) {
            return unexpected(words, 1, usage);
        }
        if (words.count() == 2) {
            return new ConsoleRequest.CueTest();
        }
        if (words.count() > 3) {
            return unexpected(words, 3, usage);
        }
        return new ConsoleRequest.CueTest(words.get(2));
    }

    private static ParsedLine stream(Words words) {
        if (words.count() == 1) {
            return missing("ON|OFF", ConsoleCommand.STREAM.usage());
        }
        if (words.is(1, "ON")) {
            String usage = syntaxOf(ConsoleRequest.StreamOn.class);
            if (words.count() == 2) {
                return new ConsoleRequest.StreamOn();
            }
            if (words.count() > 3) {
                return unexpected(words, 3, usage);
            }
            return number(words.get(2), "hz", ConsoleLimits.MIN_STREAM_HZ, ConsoleLimits.MAX_STREAM_HZ,
                    ConsoleRequest.StreamOn::new);
        }
        if (words.is(1, "OFF")) {
            return words.count() > 2
                    ? unexpected(words, 2, syntaxOf(ConsoleRequest.StreamOff.class))
                    : new ConsoleRequest.StreamOff();
        }
        return unexpected(words, 1, ConsoleCommand.STREAM.usage());
    }

    private static ParsedLine snooze(Words words) {
        String usage = ConsoleCommand.SNOOZE.usage();
        if (words.count() == 1) {
            return missing("minutes", usage);
        }
        if (words.count() > 2) {
            return unexpected(words, 2, usage);
        }
        return number(words.get(1), "minutes", ConsoleLimits.MIN_SNOOZE_MINUTES, ConsoleLimits.MAX_SNOOZE_MINUTES,
                ConsoleRequest.Snooze::new);
    }

    private static ParsedLine trace(Words words) {
        if (words.count() == 1) {
            return missing("LIST|START|STOP|GET", ConsoleCommand.TRACE.usage());
        }
        if (words.is(1, "GET")) {
            String usage = syntaxOf(ConsoleRequest.TraceGet.class);
            if (words.count() == 2) {
                return missing("id", usage);
            }
            return words.count() > 3 ? unexpected(words, 3, usage) : new ConsoleRequest.TraceGet(words.get(2));
        }
        ConsoleRequest request;
        if (words.is(1, "LIST")) {
            request = new ConsoleRequest.TraceList();
        } else if (words.is(1, "START")) {
            request = new ConsoleRequest.TraceStart();
        } else if (words.is(1, "STOP")) {
            request = new ConsoleRequest.TraceStop();
        } else {
            return unexpected(words, 1, ConsoleCommand.TRACE.usage());
        }
        return words.count() > 2 ? unexpected(words, 2, syntaxOf(request.getClass())) : request;
    }

    /**
     * The request made from a whole number argument {@code -?[0-9]+} within [min, max], or the error
     * naming the argument. Huge magnitudes are out of range, not malformed.
     */
    private static ParsedLine number(String word, String name, int min, int max, IntFunction<ConsoleRequest> request) {
        boolean negative = word.startsWith("-");
        int i = negative ? 1 : 0;
        boolean digits = i < word.length();
        long magnitude = 0;
        for (; i < word.length() && digits; i++) {
            char c = word.charAt(i);
            digits = c >= '0' && c <= '9';
            // Clamped far beyond any range and far from long overflow.
            magnitude = Math.min(1L << 40, magnitude * 10 + (c - '0'));
        }
        if (!digits) {
            return new ConsoleError(ConsoleErrorCode.BAD_NUMBER, name + ": '" + word + "' is not a whole number");
        }
        long value = negative ? -magnitude : magnitude;
        if (value < min || value > max) {
            return new ConsoleError(ConsoleErrorCode.OUT_OF_RANGE, name + ": " + word + " is outside " + min + ".." + max);
        }
        return request.apply((int) value);
    }

    private static String syntaxOf(Class<? extends ConsoleRequest> type) {
        return ConsoleHelp.entryFor(type).syntax();
    }

    private static ConsoleError unknownCommand(String word) {
        return new ConsoleError(ConsoleErrorCode.UNKNOWN_COMMAND, "unknown command '" + word + "' (try HELP)");
    }

    private static ConsoleError unexpected(Words words, int index, String usage) {
        return syntax("unexpected '" + words.get(index) + "'; usage: " + usage);
    }

    private static ConsoleError missing(String what, String usage) {
        return syntax("missing " + what + "; usage: " + usage);
    }

    private static ConsoleError syntax(String message) {
        return new ConsoleError(ConsoleErrorCode.SYNTAX, message);
    }

    /** The blank-separated words of a line, with where each starts (SET needs the rest of the line). */
    private static final class Words {
        private final List<String> words = new ArrayList<>();
        private final List<Integer> starts = new ArrayList<>();

        static Words split(CharSequence line) {
            Words result = new Words();
            int i = 0;
            while (i < line.length()) {
                while (i < line.length() && ConsoleQuoting.isBlank(line.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < line.length() && !ConsoleQuoting.isBlank(line.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    result.words.add(line.subSequence(start, i).toString());
                    result.starts.add(start);
                }
            }
            return result;
        }

        int count() {
            return words.size();
        }

        String get(int index) {
            return words.get(index);
        }

        int start(int index) {
            return starts.get(index);
        }

        boolean is(int index, String keyword) {
            return words.get(index).equalsIgnoreCase(keyword);
        }
    }
}
