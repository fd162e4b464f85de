package dev.hearth.plugins.calendar;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionInput;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.AtomicFiles;
import dev.hearth.api.ParamType;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.pf4j.Extension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

/** {@code calendar.add}: adds an event to the local calendar file, keeping everything already in it. */
@Extension
public class CalendarAddAction implements Action {

    private static final ActionSpec SPEC = ActionSpec.builder("calendar.add")
            .description("Adds an event to the local calendar file (calendar.file, an .ics file; created if missing), "
                    + "keeping every event already in it. Times are in the user's time zone (calendar.zone). "
                    + "Give start as YYYY-MM-DDTHH:MM, or a date YYYY-MM-DD for an all-day event.")
            .required("title", ParamType.STRING, "what the event is")
            .required("start", ParamType.STRING, "start, YYYY-MM-DDTHH:MM (or YYYY-MM-DD for all day)")
            .optional("minutes", ParamType.INTEGER, "duration in minutes (ignored for all-day events)", 60)
            .optional("location", ParamType.STRING, "where", null)
            .optional("description", ParamType.STRING, "notes", null)
            .sideEffects()
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionResult invoke(ActionInput input, ActionContext context) throws IOException {
        context.checkCancelled(SPEC.name());
        Path file = context.settings().get("file").map(Calendars::path).orElseThrow(() -> new ActionException(
                "calendar.file is not set: choose the .ics file events are added to, e.g. %config calendar.file=~/calendar/hearth.ics"));
        ZoneId zone = Calendars.zone(context);
        String title = input.require("title");
        String startText = input.require("start").strip();
        long minutes = input.integer("minutes", 60);
        if (minutes <= 0) {
            throw new ActionException("calendar.add: parameter 'minutes' must be positive, not " + minutes);
        }
        VEvent event;
        String when;
        try {
            if (startText.length() == 10) {
                LocalDate day = LocalDate.parse(startText);
                event = new VEvent(day, day.plusDays(1), title);
                when = day + " (all day)";
            } else {
                ZonedDateTime start = LocalDateTime.parse(startText).atZone(zone);
                event = new VEvent(start, start.plus(Duration.ofMinutes(minutes)), title);
                when = start.toLocalDateTime() + " " + zone.getId() + " for " + minutes + " min";
            }
        } catch (DateTimeParseException e) {
            throw new ActionException("calendar.add: parameter 'start' must be YYYY-MM-DDTHH:MM or YYYY-MM-DD, not '"
                    + startText + "'");
        }
        String uid = UUID.randomUUID() + "@hearth";
        event.add(new Uid(uid));
        input.string("location").ifPresent(l -> event.add(new Location(l)));
        input.string("description").ifPresent(d -> event.add(new Description(d)));

        Calendar calendar;
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                calendar = Calendars.parse(file.toString(), in);
            }
        } else {
            calendar = new Calendar();
            calendar.add(new ProdId("-//Hearth//calendar plugin//EN"));
            calendar.add(ImmutableVersion.VERSION_2_0);
            calendar.add(ImmutableCalScale.GREGORIAN);
        }
        calendar.add(event);
        AtomicFiles.write(file, out -> new CalendarOutputter(false).output(calendar, out));
        return ActionResult.of("added '" + title + "' on " + when + " to " + file.getFileName(),
                Map.of("uid", uid, "file", file.toString(), "title", title, "start", startText));
    }
}
