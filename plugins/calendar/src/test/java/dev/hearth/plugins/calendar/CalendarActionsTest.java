package dev.hearth.plugins.calendar;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSettings;
import dev.hearth.api.testing.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalendarActionsTest {

    @TempDir
    Path dir;

    static Path fixture(Path dir) {
        try (InputStream in = CalendarActionsTest.class.getResourceAsStream("/calendar/team.ics")) {
            Path file = dir.resolve("team.ics");
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ActionContext context(Map<String, String> settings) {
        return ActionContext.builder().settings(ActionSettings.of(settings)).build();
    }

    private ActionResult run(Action action, Map<String, String> settings, Map<String, Object> input) throws Exception {
        return action.invoke(action.spec().validate(input), context(settings));
    }

    @Test
    void aWeekWithRecurringEventsExceptionsAndZones() throws Exception {
        Path ics = fixture(dir);
        ActionResult week = run(new CalendarEventsAction(), Map.of("sources", ics.toString(), "zone", "Europe/Berlin"),
                Map.of("from", "2026-11-23", "to", "2026-11-29"));
        assertEquals("""
                Events from Mon 2026-11-23 to Sun 2026-11-29 (Europe/Berlin)
                Mon 2026-11-23 09:30–09:45  Team stand-up @ Room 4
                Tue 2026-11-24 17:00–18:00  Call with Ada (New York)
                Tue 2026-11-24 23:30–00:30  Late UTC review
                Thu 2026-11-26 all day  Garden day off
                Fri 2026-11-27 09:30–09:45  Team stand-up @ Room 4
                Fri 2026-11-27 18:00–20:00  Book club
                """, week.text());
    }

    @Test
    void theSameEventsReadInAnotherZone() throws Exception {
        Path ics = fixture(dir);
        ActionResult day = run(new CalendarEventsAction(), Map.of("sources", ics.toString(), "zone", "America/New_York"),
                Map.of("when", "range", "from", "2026-11-24"));
        assertEquals("""
                Events on Tue 2026-11-24 (America/New_York)
                Tue 2026-11-24 11:00–12:00  Call with Ada (New York)
                Tue 2026-11-24 17:30–18:30  Late UTC review
                """, day.text());
    }

    @Test
    void addKeepsWhatWasThereAndTheEventShowsUp() throws Exception {
        Path ics = fixture(dir);
        String before = Files.readString(ics);
        Map<String, String> settings = Map.of("sources", ics.toString(), "file", ics.toString(), "zone", "Europe/Berlin");
        ActionResult added = run(new CalendarAddAction(), settings,
                Map.of("title", "Dentist", "start", "2026-11-25T14:15", "minutes", 45, "location", "Main St 5"));
        assertEquals("added 'Dentist' on 2026-11-25T14:15 Europe/Berlin for 45 min to team.ics", added.text());
        String after = Files.readString(ics);
        for (String uid : new String[] {"standup@hearth.test", "call@hearth.test", "holiday@hearth.test", "monthly@hearth.test"}) {
            assertTrue(after.contains("UID:" + uid), uid + " lost:\n" + after);
        }
        assertTrue(after.length() > before.length());
        ActionResult day = run(new CalendarEventsAction(), settings, Map.of("from", "2026-11-25"));
        assertTrue(day.text().contains("Wed 2026-11-25 14:15–15:00  Dentist @ Main St 5"), day.text());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void addCreatesANewCalendarFileAndAllDayEvents() throws Exception {
        Path ics = dir.resolve("sub/new.ics");
        Map<String, String> settings = Map.of("sources", ics.toString(), "file", ics.toString(), "zone", "Europe/Berlin");
        run(new CalendarAddAction(), settings, Map.of("title", "Holiday", "start", "2026-12-24"));
        assertTrue(Files.readString(ics).startsWith("BEGIN:VCALENDAR"));
        assertEquals("Events on Thu 2026-12-24 (Europe/Berlin)\nThu 2026-12-24 all day  Holiday\n",
                run(new CalendarEventsAction(), settings, Map.of("from", "2026-12-24")).text());
    }

    @Test
    void calendarsCanComeFromAUrl() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            server.page("/team.ics", "text/calendar; charset=utf-8", Files.readString(fixture(dir)));
            ActionResult day = run(new CalendarEventsAction(), Map.of("sources", server.uri("/team.ics").toString(),
                    "zone", "Europe/Berlin"), Map.of("from", "2026-11-26"));
            assertEquals("Events on Thu 2026-11-26 (Europe/Berlin)\nThu 2026-11-26 all day  Garden day off\n", day.text());
        }
    }

    @Test
    void badSettingsAndInputAreClearErrors() throws Exception {
        Path ics = fixture(dir);
        Map<String, String> settings = new HashMap<>(Map.of("sources", ics.toString(), "file", ics.toString()));
        assertTrue(assertThrows(ActionException.class, () -> run(new CalendarEventsAction(), Map.of(), Map.of()))
                .getMessage().startsWith("calendar.sources is not set"));
        assertTrue(assertThrows(ActionException.class, () -> run(new CalendarEventsAction(), settings, Map.of("from", "24.11.2026")))
                .getMessage().contains("parameter 'from' must be a date YYYY-MM-DD"));
        assertTrue(assertThrows(ActionException.class, () -> run(new CalendarAddAction(), settings,
                Map.of("title", "x", "start", "tomorrow at 3"))).getMessage().contains("parameter 'start' must be"));
        Files.writeString(dir.resolve("bad.ics"), "BEGIN:VCALENDAR\nthis is not ical\n");
        settings.put("sources", dir.resolve("bad.ics").toString());
        assertTrue(assertThrows(ActionException.class, () -> run(new CalendarEventsAction(), settings, Map.of()))
                .getMessage().contains("is not valid iCalendar"));
    }

    private Path bombs() throws IOException {
        try (InputStream in = CalendarActionsTest.class.getResourceAsStream("/calendar/bombs.ics")) {
            Path file = dir.resolve("bombs.ics");
            Files.copy(in, file);
            return file;
        }
    }

    @Test
    void recurrenceBombsAreCappedAndReportedAndTheRestIsListed() throws Exception {
        Map<String, String> settings = Map.of("sources", bombs().toString(), "zone", "UTC");
        ActionResult week = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> run(new CalendarEventsAction(), settings, Map.of("from", "2026-12-01", "to", "2026-12-07",
                        "max_events", 5000)));
        String text = week.text();
        for (int day = 1; day <= 7; day++) {
            assertTrue(text.contains("2026-12-0" + day + " 09:00–09:15  Standup"), "day " + day + ":\n" + tail(text));
        }
        assertTrue(text.contains("Tue 2026-12-01 00:00–00:00  Every second"), "listed from the window's start");
        assertTrue(text.contains("note: 'Every second' occurs more than 1000 times in this range; only the first 1000 are listed"),
                tail(text));
        assertTrue(text.contains("note: 'Counted seconds' occurs more than 1000 times in this range"), tail(text));
        assertTrue(text.contains("note: 'By parts' repeats too often to list (RRULE:FREQ=DAILY;"), tail(text));
        assertTrue(text.contains("note: 'Rover check' in " + settings.get("sources") + " is left out: "), tail(text));
        assertEquals(2007, ((java.util.List<?>) week.data()).size());
    }

    @Test
    void aLongListingStopsWhenInterrupted() throws Exception {
        Path file = bombs();
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        dev.hearth.api.Cancellation afterAFewChecks = new dev.hearth.api.Cancellation() {
            @Override
            public boolean isCancelled() {
                return checks.incrementAndGet() > 4;
            }

            @Override
            public AutoCloseable onCancel(Runnable callback) {
                return () -> { };
            }
        };
        ActionContext context = ActionContext.builder().cancellation(afterAFewChecks)
                .settings(ActionSettings.of(Map.of("sources", file.toString(), "zone", "UTC"))).build();
        CalendarEventsAction events = new CalendarEventsAction();
        assertThrows(dev.hearth.api.ActionCancelledException.class,
                () -> events.invoke(events.spec().validate(Map.of("from", "2026-12-01", "to", "2026-12-07")), context));
    }

    @Test
    void maxEventsOutOfRangeIsAClearError() {
        ActionException e = assertThrows(ActionException.class, () -> run(new CalendarEventsAction(),
                Map.of("sources", fixture(dir).toString()), Map.of("when", "week", "max_events", -3)));
        assertEquals("calendar.events: max_events must be between 1 and 100000, not -3", e.getMessage());
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 1500));
    }
}
