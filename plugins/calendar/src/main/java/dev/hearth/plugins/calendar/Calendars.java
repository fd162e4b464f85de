package dev.hearth.plugins.calendar;

import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.HttpOptions;
import dev.hearth.api.HttpResult;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading the configured calendars ({@code calendar.sources}) and the user's zone ({@code calendar.zone}). */
final class Calendars {

    private Calendars() {
    }

    /** A parsed calendar and where it came from. */
    record Source(String name, Calendar calendar) {
    }

    static ZoneId zone(ActionContext context) {
        String zone = context.settings().get("zone", ZoneId.systemDefault().getId());
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ActionException("calendar.zone '" + zone + "' is not a time zone; use a name such as Europe/Berlin");
        }
    }

    static List<Source> load(ActionContext context) {
        String sources = context.settings().get("sources").orElseThrow(() -> new ActionException(
                "calendar.sources is not set: give .ics files or URLs, comma separated, e.g. "
                        + "%config calendar.sources=~/calendar/home.ics"));
        List<Source> calendars = new ArrayList<>();
        for (String raw : sources.split(",")) {
            String source = raw.strip();
            if (source.isEmpty()) {
                continue;
            }
            context.checkCancelled("calendar.events");
            calendars.add(new Source(source, read(source, context)));
        }
        return calendars;
    }

    private static Calendar read(String source, ActionContext context) {
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            HttpResult result = context.http().get(URI.create(source),
                    HttpOptions.DEFAULT.withMaxBytes(context.settings().getLong("max.bytes", 10L * 1024 * 1024)));
            if (!result.ok()) {
                throw new ActionException("calendar " + source + " answered HTTP " + result.status());
            }
            return parse(source, new ByteArrayInputStream(result.body()));
        }
        Path file = path(source);
        if (!Files.isRegularFile(file)) {
            throw new ActionException("calendar file " + file + " does not exist (check calendar.sources)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(source, in);
        } catch (IOException e) {
            throw new ActionException("cannot read calendar " + file + ": " + e.getMessage());
        }
    }

    static Path path(String setting) {
        return setting.startsWith("~/") ? Path.of(System.getProperty("user.home")).resolve(setting.substring(2)) : Path.of(setting);
    }

    static Calendar parse(String source, InputStream in) {
        try {
            return new CalendarBuilder().build(in);
        } catch (ParserException e) {
            throw new ActionException("calendar " + source + " is not valid iCalendar (line " + e.getLineNo() + "): "
                    + e.getMessage());
        } catch (IOException e) {
            throw new ActionException("cannot read calendar " + source + ": " + e.getMessage());
        }
    }
}
