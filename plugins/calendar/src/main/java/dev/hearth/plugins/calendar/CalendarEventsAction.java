package dev.hearth.plugins.calendar;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionInput;
import dev.hearth.api.ActionParam;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.MimeBundle;
import dev.hearth.api.ParamType;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.pf4j.Extension;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code calendar.events}: the events of a day, a week or a date range, recurring ones expanded. */
@Extension
public class CalendarEventsAction implements Action {

    private static final ActionSpec SPEC = ActionSpec.builder("calendar.events")
            .description("Lists the events of the configured calendars (calendar.sources: .ics files or URLs) for today, "
                    + "tomorrow, this week (Monday to Sunday) or a date range, with recurring events expanded and times "
                    + "shown in the user's time zone (calendar.zone). Returns one line per event: date, time, title, place. "
                    + "An event that repeats more than 1000 times in the range is cut there, and one that cannot be read "
                    + "(an unknown time zone, a rule too dense to expand) is left out; a note line says so.")
            .param(ActionParam.optional("when", ParamType.STRING, "which days: today, tomorrow, week, or range (with from/to)",
                    "today").oneOf("today", "tomorrow", "week", "range"))
            .optional("from", ParamType.STRING, "first day, YYYY-MM-DD (implies when=range)", null)
            .optional("to", ParamType.STRING, "last day, YYYY-MM-DD, inclusive (default: same as from)", null)
            .optional("max_events", ParamType.INTEGER, "most events listed", 200)
            .build();

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    /** One occurrence of an event, in the user's zone. */
    public record Occurrence(ZonedDateTime start, ZonedDateTime end, boolean allDay, String title, String location,
                             String calendar) {
    }

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionResult invoke(ActionInput input, ActionContext context) {
        context.checkCancelled(SPEC.name());
        ZoneId zone = Calendars.zone(context);
        LocalDate[] days = range(input, LocalDate.now(zone));
        ZonedDateTime from = days[0].atStartOfDay(zone);
        ZonedDateTime to = days[1].plusDays(1).atStartOfDay(zone);
        List<Occurrence> occurrences = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Calendars.Source source : Calendars.load(context)) {
            List<VEvent> events = source.calendar().getComponents(Component.VEVENT);
            Set<String> overridden = new HashSet<>();
            for (VEvent event : events) {
                try {
                    event.<net.fortuna.ical4j.model.property.RecurrenceId<Temporal>>getProperty(Property.RECURRENCE_ID)
                            .ifPresent(id -> overridden.add(uid(event) + "@" + toZoned(id.getDate(), zone).toInstant()));
                } catch (DateTimeException e) {
                    // reported below, when the event itself is read
                }
            }
            for (VEvent event : events) {
                context.checkCancelled(SPEC.name());
                String title = text(event, Property.SUMMARY, "(no title)");
                Recurrences.Expanded expanded;
                try {
                    expanded = Recurrences.expand(event, title, from, to, zone, context);
                } catch (DateTimeException e) {
                    notes.add("'" + title + "' in " + source.name() + " is left out: " + e.getMessage()
                            + " (an unknown time zone?)");
                    continue;
                }
                if (expanded.note() != null) {
                    notes.add(expanded.note());
                }
                boolean isOverride = event.getProperty(Property.RECURRENCE_ID).isPresent();
                for (Recurrences.Instance instance : expanded.instances()) {
                    ZonedDateTime start = instance.start();
                    if (!isOverride && overridden.contains(uid(event) + "@" + start.toInstant())) {
                        continue; // this instance was moved or changed by an override
                    }
                    ZonedDateTime end = instance.end();
                    if (end.isAfter(from) && start.isBefore(to) || start.equals(from)) {
                        occurrences.add(new Occurrence(start, end, instance.allDay(), title,
                                text(event, Property.LOCATION, ""), source.name()));
                    }
                }
            }
        }
        occurrences.sort((a, b) -> a.start().compareTo(b.start()));
        long max = input.integer("max_events", 200);
        if (max < 1 || max > 100_000) {
            throw new ActionException("calendar.events: max_events must be between 1 and 100000, not " + max);
        }
        List<Occurrence> shown = occurrences.stream().limit(max).collect(Collectors.toList());
        String header = days[0].equals(days[1]) ? "Events on " + DAY.format(days[0])
                : "Events from " + DAY.format(days[0]) + " to " + DAY.format(days[1]);
        header += " (" + zone.getId() + ")";
        StringBuilder text = new StringBuilder(header).append('\n');
        StringBuilder md = new StringBuilder("**").append(header).append("**\n\n");
        for (Occurrence o : shown) {
            String when = DAY.format(o.start()) + " " + (o.allDay() ? "all day" : TIME.format(o.start()) + "–" + TIME.format(o.end()));
            String line = when + "  " + o.title() + (o.location().isEmpty() ? "" : " @ " + o.location());
            text.append(line).append('\n');
            md.append("- ").append(line).append('\n');
        }
        if (shown.isEmpty()) {
            text.append("no events\n");
            md.append("no events\n");
        } else if (occurrences.size() > shown.size()) {
            text.append("... and ").append(occurrences.size() - shown.size()).append(" more (raise max_events)\n");
        }
        for (String note : notes) {
            text.append("note: ").append(note).append('\n');
            md.append("\n*note: ").append(note).append("*\n");
        }
        List<Map<String, Object>> data = shown.stream().map(o -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("start", o.start().toOffsetDateTime().toString());
            row.put("end", o.end().toOffsetDateTime().toString());
            row.put("all_day", o.allDay());
            row.put("title", o.title());
            row.put("location", o.location());
            row.put("calendar", o.calendar());
            return row;
        }).collect(Collectors.toList());
        return new ActionResult(text.toString(), MimeBundle.markdown(md.toString()), data);
    }

    private static LocalDate[] range(ActionInput input, LocalDate today) {
        String when = input.string("from").isPresent() ? "range" : input.require("when");
        switch (when) {
            case "tomorrow":
                return new LocalDate[] {today.plusDays(1), today.plusDays(1)};
            case "week":
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                return new LocalDate[] {monday, monday.plusDays(6)};
            case "range":
                LocalDate from = date(input, "from");
                LocalDate to = input.string("to").isPresent() ? date(input, "to") : from;
                if (to.isBefore(from)) {
                    throw new ActionException("calendar.events: parameter 'to' (" + to + ") is before 'from' (" + from + ")");
                }
                if (from.plusDays(366).isBefore(to)) {
                    throw new ActionException("calendar.events: a range may span at most a year");
                }
                return new LocalDate[] {from, to};
            default:
                return new LocalDate[] {today, today};
        }
    }

    private static LocalDate date(ActionInput input, String name) {
        String value = input.string(name).orElseThrow(() -> new ActionException(
                "calendar.events: when=range needs parameter '" + name + "' (YYYY-MM-DD)"));
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ActionException("calendar.events: parameter '" + name + "' must be a date YYYY-MM-DD, not '" + value + "'");
        }
    }

    private static String uid(VEvent event) {
        return text(event, Property.UID, "");
    }

    private static String text(VEvent event, String property, String fallback) {
        return event.getProperty(property).map(p -> ((Property) p).getValue()).filter(v -> !v.isBlank()).orElse(fallback);
    }

    /** Any iCalendar date or time as a moment in {@code zone}; dates and floating times are read in that zone. */
    static ZonedDateTime toZoned(Temporal t, ZoneId zone) {
        if (t instanceof ZonedDateTime z) {
            return z.withZoneSameInstant(zone);
        }
        if (t instanceof OffsetDateTime o) {
            return o.atZoneSameInstant(zone);
        }
        if (t instanceof Instant i) {
            return i.atZone(zone);
        }
        if (t instanceof LocalDateTime l) {
            return l.atZone(zone);
        }
        if (t instanceof LocalDate d) {
            return d.atStartOfDay(zone);
        }
        throw new ActionException("unsupported date in calendar: " + t);
    }
}
