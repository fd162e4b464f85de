package dev.hearth.plugins.feeds;

import dev.hearth.api.ActionException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** The {@code since} parameter: a date ({@code 2026-11-23}), a date-time with offset, or a period back from now ({@code 24h}, {@code 7d}). */
final class Since {

    private Since() {
    }

    /** The instant {@code text} means, seen from {@code now} in {@code zone}. */
    static Instant parse(String text, Instant now, ZoneId zone) {
        String t = text.strip();
        try {
            if (t.matches("\\d+[hd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return now.minus(t.endsWith("h") ? Duration.ofHours(n) : Duration.ofDays(n));
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new ActionException("feeds.read: since='" + text + "' is not a date (2026-11-23), a date-time "
                    + "(2026-11-23T07:00:00Z) or a period back from now (24h, 7d)");
        }
    }
}
