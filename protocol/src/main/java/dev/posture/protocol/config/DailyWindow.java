package dev.posture.protocol.config;

import java.time.LocalTime;

/**
 * A stretch of every day in the device's local time, {@code HH:MM-HH:MM}, start inclusive and end
 * exclusive. It wraps midnight when the end is earlier than the start ("22:00-07:00").
 *
 * @param startMinute minute of the day the window opens, 0..1439
 * @param endMinute minute of the day the window closes, 0..1439, not equal to the start
 */
public record DailyWindow(int startMinute, int endMinute) {
    static final int MINUTES_PER_DAY = 24 * 60;

    public DailyWindow {
        if (startMinute < 0 || startMinute >= MINUTES_PER_DAY || endMinute < 0
                || endMinute >= MINUTES_PER_DAY || startMinute == endMinute) {
            throw new IllegalArgumentException("not a daily window: " + startMinute + ".." + endMinute);
        }
    }

    /** Whether the window runs past midnight. */
    public boolean wrapsMidnight() {
        return endMinute < startMinute;
    }

    public boolean contains(int minuteOfDay) {
        return wrapsMidnight()
                ? minuteOfDay >= startMinute || minuteOfDay < endMinute
                : minuteOfDay >= startMinute && minuteOfDay < endMinute;
    }

    public boolean contains(LocalTime time) {
        return contains(time.getHour() * 60 + time.getMinute());
    }

    /** The canonical text, e.g. "22:00-07:00". */
    @Override
    public String toString() {
        return hhmm(startMinute) + "-" + hhmm(endMinute);
    }

    private static String hhmm(int minuteOfDay) {
        return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }
}
