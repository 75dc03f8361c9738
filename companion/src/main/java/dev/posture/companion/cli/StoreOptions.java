package dev.posture.companion.cli;

import dev.posture.companion.store.Store;
import dev.posture.companion.store.StoreException;
import dev.posture.protocol.cli.CommandLines.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** The {@code --db} option every store command shares, and the time forms they read and print. */
final class StoreOptions {
    static final String DEFAULT_DB = "posture.db";

    @Option(names = "--db", paramLabel = "FILE", defaultValue = DEFAULT_DB,
            description = "the SQLite event log (default: ${DEFAULT-VALUE})")
    Path db;

    /** Opens an existing store for reading: a missing file is a user error, not a new empty log. */
    Store openExisting() throws UserError {
        if (!Files.isRegularFile(db)) {
            throw new UserError(db + ": no such file (serve creates it)");
        }
        return open();
    }

    /** Opens or creates the store. */
    Store open() throws UserError {
        try {
            return Store.open(db);
        } catch (StoreException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /**
     * Reads an ISO-8601 date ({@code 2025-01-14}), date-time ({@code 2025-01-14T09:30},
     * {@code 2025-01-14T09:30:15}) or date-time with offset ({@code 2025-01-14T09:30:00Z},
     * {@code ...+01:00}); without an offset the time is UTC, as printed.
     */
    static long parseTime(String text, String option) throws UserError {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            // not with offset; try the local forms
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            // not a date-time; try a date
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new UserError(option + ": '" + printable(text) + "' is not a date or time; use 2025-01-14, "
                    + "2025-01-14T09:30 or 2025-01-14T09:30:00Z (UTC unless an offset is given)");
        }
    }

    /** Device times as printed: ISO-8601 UTC to the millisecond. */
    static String formatTime(Long epochMs) {
        return epochMs == null ? "" : Instant.ofEpochMilli(epochMs).toString();
    }

    /** User text quoted in an error: printable ASCII only, cut to 40 characters. */
    static String printable(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < 40; i++) {
            char c = text.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return text.length() > 40 ? b + "..." : b.toString();
    }
}
