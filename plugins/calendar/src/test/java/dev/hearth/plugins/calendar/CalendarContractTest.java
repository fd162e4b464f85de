package dev.hearth.plugins.calendar;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.testing.ActionContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Both calendar actions keep the action contract. */
class CalendarContractTest {

    @TempDir
    static Path base;

    private static ActionContext context() {
        try {
            Path dir = Files.createTempDirectory(base, "cal");
            Path ics = CalendarActionsTest.fixture(dir);
            return CalendarActionsTest.context(Map.of("sources", ics.toString(), "file", ics.toString(), "zone", "Europe/Berlin"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Nested
    class EventsContract extends ActionContract {
        protected Action action() {
            return new CalendarEventsAction();
        }

        protected Map<String, Object> sampleInput() {
            return Map.of("when", "week");
        }

        @Override
        protected ActionContext context() {
            return CalendarContractTest.context();
        }
    }

    @Nested
    class AddContract extends ActionContract {
        protected Action action() {
            return new CalendarAddAction();
        }

        protected Map<String, Object> sampleInput() {
            return Map.of("title", "Tea", "start", "2026-11-28T16:00");
        }

        @Override
        protected ActionContext context() {
            return CalendarContractTest.context();
        }
    }
}
