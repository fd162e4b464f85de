package dev.hearth.kernel.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three ways to say when, in systemd's and cron's words. */
class ScheduleTimeTest {

    @Test
    void dailyEveryAndWeeklyBecomeOnCalendarAndCronFields() {
        ScheduleTime daily = ScheduleTime.parse("07:30", null, null);
        assertEquals("*-*-* 07:30:00", daily.onCalendar());
        assertEquals("30 7 * * *", daily.cron());
        ScheduleTime hours = ScheduleTime.parse(null, "2h", null);
        assertEquals("*-*-* 00/2:00:00", hours.onCalendar());
        assertEquals("0 */2 * * *", hours.cron());
        ScheduleTime minutes = ScheduleTime.parse(null, "15m", null);
        assertEquals("*-*-* *:00/15:00", minutes.onCalendar());
        assertEquals("*/15 * * * *", minutes.cron());
        ScheduleTime weekly = ScheduleTime.parse(null, null, List.of("mon", "08:00"));
        assertEquals("Mon *-*-* 08:00:00", weekly.onCalendar());
        assertEquals("0 8 * * 1", weekly.cron());
        assertEquals("0 8 * * 0", ScheduleTime.parse(null, null, List.of("Sunday", "8:00")).cron());
    }

    @Test
    void badTimesAreClearErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScheduleTime.parse("25:00", null, null))
                .getMessage().contains("HH:MM"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScheduleTime.parse(null, "1m", null))
                .getMessage().contains("5m to 59m"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScheduleTime.parse(null, null, List.of("someday", "08:00")))
                .getMessage().contains("--weekly mon 08:00"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScheduleTime.parse("07:00", "2h", null))
                .getMessage().contains("once"));
    }
}
