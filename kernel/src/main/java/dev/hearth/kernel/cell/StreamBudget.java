package dev.hearth.kernel.cell;

import dev.hearth.kernel.config.ConfigKey;

import java.util.Locale;
import java.util.Optional;

/**
 * How much stream text (stdout and stderr together) one cell may show: text passes until the
 * limit, the rest is counted and dropped, and one note at the end says how much. The kernel and
 * {@code hearth run} both cap through this class, so a runaway loop neither floods the front end
 * nor fills a recorded notebook.
 */
public final class StreamBudget {

    /** The default limit: 10 MiB of UTF-8. */
    public static final long DEFAULT_LIMIT = 10L * 1024 * 1024;

    /** The setting that overrides the limit. */
    public static final ConfigKey LIMIT = ConfigKey.of("output.max.bytes",
            "most stdout/stderr text one cell shows, in bytes; the rest is dropped with a note saying how much",
            String.valueOf(DEFAULT_LIMIT));

    private final long limit;
    private long shown;
    private long dropped;
    private boolean noted;

    /** A budget of {@code limit} bytes (at least 1). */
    public StreamBudget(long limit) {
        this.limit = Math.max(1, limit);
    }

    /** The part of {@code text} that still fits (all of it, a prefix, or nothing); the rest counts as dropped. */
    public synchronized String admit(String text) {
        if (dropped > 0) {
            dropped += utf8Length(text, 0, text.length());
            return "";
        }
        long room = limit - shown;
        int end = 0;
        long bytes = 0;
        while (end < text.length()) {
            int next = Character.isHighSurrogate(text.charAt(end)) && end + 1 < text.length() ? end + 2 : end + 1;
            long size = utf8Length(text, end, next);
            if (bytes + size > room) {
                break;
            }
            bytes += size;
            end = next;
        }
        shown += bytes;
        if (end < text.length()) {
            dropped += utf8Length(text, end, text.length());
        }
        return end == text.length() ? text : text.substring(0, end);
    }

    /** Once, after text was dropped: the note to show at the end of the cell's output. */
    public synchronized Optional<String> takeNote() {
        if (dropped == 0 || noted) {
            return Optional.empty();
        }
        noted = true;
        return Optional.of(String.format(Locale.ROOT, "%n[output truncated, %s more; %s=%d sets the limit]%n",
                megabytes(dropped), LIMIT.name(), limit));
    }

    /** Bytes dropped so far. */
    public synchronized long dropped() {
        return dropped;
    }

    private static String megabytes(long bytes) {
        return bytes >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024))
                : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    private static long utf8Length(String text, int from, int to) {
        long bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
