package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;
import java.util.Optional;

/** {@code HH:MM-HH:MM} (two digits each, 00:00..23:59) or the word {@code off}. */
final class DailyWindowType implements TextType<Optional<DailyWindow>> {
    private static final int TEXT_LENGTH = "HH:MM-HH:MM".length();

    @Override
    public Optional<DailyWindow> fromText(String text) throws ProtocolException {
        if (text != null && AsciiCase.equalsIgnoreCase(text, OffOrIntegerType.OFF)) {
            return Optional.empty();
        }
        int start = text != null && text.length() == TEXT_LENGTH && text.charAt(5) == '-'
                ? minuteOfDay(text, 0) : -1;
        int end = start >= 0 ? minuteOfDay(text, 6) : -1;
        if (end < 0) {
            throw new ProtocolException(ProblemText.quote(text) + " is not off or HH:MM-HH:MM");
        }
        if (start == end) {
            throw new ProtocolException(ProblemText.quote(text) + " starts and ends at the same time");
        }
        return Optional.of(new DailyWindow(start, end));
    }

    /** Minute of the day of "HH:MM" at {@code from}, or -1. */
    private static int minuteOfDay(String text, int from) {
        int hours = twoDigits(text, from);
        int minutes = twoDigits(text, from + 3);
        boolean valid = text.charAt(from + 2) == ':' && hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60;
        return valid ? hours * 60 + minutes : -1;
    }

    private static int twoDigits(String text, int from) {
        char tens = text.charAt(from);
        char ones = text.charAt(from + 1);
        if (tens < '0' || tens > '9' || ones < '0' || ones > '9') {
            return -1;
        }
        return (tens - '0') * 10 + (ones - '0');
    }

    @Override
    public String toText(Optional<DailyWindow> value) {
        return value.map(DailyWindow::toString).orElse(OffOrIntegerType.OFF);
    }

    @Override
    public String typeName() {
        return "time range or off";
    }

    @Override
    public String rangeText() {
        return "off or HH:MM-HH:MM";
    }
}
