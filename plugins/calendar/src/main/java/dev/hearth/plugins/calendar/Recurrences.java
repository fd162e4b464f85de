package dev.hearth.plugins.calendar;

import dev.hearth.api.ActionContext;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.transform.recurrence.Frequency;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The occurrences of one event inside the listed window, with bounded work. A calendar a user
 * subscribes to may hold a rule such as {@code FREQ=SECONDLY} over a year (tens of millions of
 * occurrences): ical4j would expand it all, for minutes and gigabytes, without a way to interrupt
 * it. So a rule is expanded by ical4j only when the work it implies is small; a dense rule of
 * seconds, minutes or hours without {@code BY...} parts is worked out arithmetically from the
 * window's start; anything else that dense is left out with a note. At most
 * {@link #MAX_PER_EVENT} occurrences of one event are listed, and a note says so when the cap is
 * reached.
 */
final class Recurrences {

    /** Candidate dates ical4j may work through for one event. */
    static final double MAX_WORK = 200_000;
    /** Most occurrences of one event listed. */
    static final int MAX_PER_EVENT = 1_000;

    /** One occurrence, in the user's zone. */
    record Instance(ZonedDateTime start, ZonedDateTime end, boolean allDay) {
    }

    /**
     * What one event gives in the window.
     *
     * @param instances its occurrences in the window, in order
     * @param note      what was left out and why, or {@code null}
     */
    record Expanded(List<Instance> instances, String note) {
    }

    private Recurrences() {
    }

    /**
     * The occurrences of {@code event} that overlap {@code from}..{@code to}.
     *
     * @throws java.time.DateTimeException for a date the event's zone cannot resolve (an unknown TZID)
     */
    static Expanded expand(VEvent event, String title, ZonedDateTime from, ZonedDateTime to, ZoneId zone,
                           ActionContext context) {
        List<RRule<Temporal>> rules = event.getProperties(Property.RRULE);
        Optional<DtStart<Temporal>> start = event.getStartDate();
        if (!rules.isEmpty() && start.isPresent()) {
            ZonedDateTime seed = CalendarEventsAction.toZoned(start.get().getDate(), zone);
            for (RRule<Temporal> rule : rules) {
                Recur<Temporal> recur = rule.getRecur();
                if (work(recur, seed, to, zone) > MAX_WORK) {
                    if (rules.size() == 1 && arithmetic(recur) && !(start.get().getDate() instanceof LocalDate)) {
                        return byArithmetic(event, recur, seed, title, from, to, zone, context);
                    }
                    return new Expanded(List.of(), "'" + title + "' repeats too often to list (RRULE:" + recur
                            + "); it is left out");
                }
            }
        }
        Set<Period<Temporal>> periods = event.calculateRecurrenceSet(new Period<>(from, to));
        List<Instance> instances = new ArrayList<>();
        for (Period<Temporal> period : periods) {
            instances.add(new Instance(CalendarEventsAction.toZoned(period.getStart(), zone),
                    CalendarEventsAction.toZoned(period.getEnd(), zone), period.getStart() instanceof LocalDate));
        }
        instances.sort((a, b) -> a.start().compareTo(b.start()));
        if (instances.size() > MAX_PER_EVENT) {
            return new Expanded(List.copyOf(instances.subList(0, MAX_PER_EVENT)), capNote(title));
        }
        return new Expanded(instances, null);
    }

    private static String capNote(String title) {
        return "'" + title + "' occurs more than " + MAX_PER_EVENT + " times in this range; only the first "
                + MAX_PER_EVENT + " are listed";
    }

    /** About how many candidate dates ical4j would work through to expand {@code recur} up to {@code to}. */
    private static double work(Recur<Temporal> recur, ZonedDateTime seed, ZonedDateTime to, ZoneId zone) {
        ZonedDateTime end = to;
        if (recur.getUntil() != null) {
            ZonedDateTime until = CalendarEventsAction.toZoned(recur.getUntil(), zone);
            end = until.isBefore(end) ? until : end;
        }
        double steps = Math.max(0, unit(recur.getFrequency()).between(seed, end)) / (double) Math.max(1, recur.getInterval());
        if (recur.getCount() > 0) {
            steps = Math.min(steps, recur.getCount());
        }
        double perStep = 1;
        for (List<?> parts : List.of(recur.getSecondList(), recur.getMinuteList(), recur.getHourList(), recur.getDayList(),
                recur.getMonthDayList(), recur.getYearDayList(), recur.getWeekNoList(), recur.getMonthList(),
                recur.getSetPosList())) {
            perStep *= Math.max(1, parts.size());
        }
        return steps * perStep;
    }

    private static ChronoUnit unit(Frequency frequency) {
        return switch (frequency) {
            case SECONDLY -> ChronoUnit.SECONDS;
            case MINUTELY -> ChronoUnit.MINUTES;
            case HOURLY -> ChronoUnit.HOURS;
            case DAILY -> ChronoUnit.DAYS;
            case WEEKLY -> ChronoUnit.WEEKS;
            case MONTHLY -> ChronoUnit.MONTHS;
            case YEARLY -> ChronoUnit.YEARS;
        };
    }

    /** A rule whose occurrences are a fixed number of seconds apart: seconds, minutes or hours without BY parts. */
    private static boolean arithmetic(Recur<Temporal> recur) {
        Frequency f = recur.getFrequency();
        return (f == Frequency.SECONDLY || f == Frequency.MINUTELY || f == Frequency.HOURLY)
                && recur.getSecondList().isEmpty() && recur.getMinuteList().isEmpty() && recur.getHourList().isEmpty()
                && recur.getDayList().isEmpty() && recur.getMonthDayList().isEmpty() && recur.getYearDayList().isEmpty()
                && recur.getWeekNoList().isEmpty() && recur.getMonthList().isEmpty() && recur.getSetPosList().isEmpty();
    }

    /** The occurrences of a fixed-step rule in the window, from the first one that overlaps it, at most {@link #MAX_PER_EVENT}. */
    private static Expanded byArithmetic(VEvent event, Recur<Temporal> recur, ZonedDateTime seed, String title,
                                         ZonedDateTime from, ZonedDateTime to, ZoneId zone, ActionContext context) {
        long step = unit(recur.getFrequency()).getDuration().getSeconds() * Math.max(1, recur.getInterval());
        Optional<DtEnd<Temporal>> dtEnd = event.getEndDate();
        Duration length = dtEnd.map(e -> Duration.between(seed, CalendarEventsAction.toZoned(e.getDate(), zone)))
                .filter(d -> !d.isNegative()).orElse(Duration.ZERO);
        ZonedDateTime until = recur.getUntil() == null ? null : CalendarEventsAction.toZoned(recur.getUntil(), zone);
        long first = Math.max(0, Math.floorDiv(from.toEpochSecond() - length.getSeconds() - seed.toEpochSecond(), step));
        List<Instance> instances = new ArrayList<>();
        for (long k = first; ; k++) {
            ZonedDateTime start = seed.plusSeconds(k * step);
            if (!start.isBefore(to) || recur.getCount() > 0 && k >= recur.getCount()
                    || until != null && start.isAfter(until)) {
                return new Expanded(instances, null);
            }
            ZonedDateTime end = start.plus(length);
            if (end.isAfter(from) || start.equals(from)) {
                if (instances.size() == MAX_PER_EVENT) {
                    return new Expanded(instances, capNote(title));
                }
                instances.add(new Instance(start, end, false));
            }
            if (k % 1000 == 0) {
                context.checkCancelled("calendar.events");
            }
        }
    }
}
