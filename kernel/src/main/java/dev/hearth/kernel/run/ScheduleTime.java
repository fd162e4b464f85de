package dev.hearth.kernel.run;

import java.util.List;
import java.util.Locale;

/**
 * When a scheduled notebook runs, in the two forms the schedulers read.
 *
 * @param description what the user asked for, e.g. {@code daily 07:30}
 * @param onCalendar  systemd's {@code OnCalendar=} expression
 * @param cron        the five cron fields
 */
record ScheduleTime(String description, String onCalendar, String cron) {

    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /**
     * One of {@code --daily HH:MM}, {@code --every 2h|30m}, {@code --weekly DAY HH:MM}.
     *
     * @throws IllegalArgumentException saying what form was expected
     */
    static ScheduleTime parse(String daily, String every, List<String> weekly) {
        int given = (daily != null ? 1 : 0) + (every != null ? 1 : 0) + (weekly != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("say when, once: --daily 07:30, --every 2h (or 30m) or --weekly mon 08:00");
        }
        if (daily != null) {
            int[] hm = time(daily);
            return new ScheduleTime("daily " + daily, String.format(Locale.ROOT, "*-*-* %02d:%02d:00", hm[0], hm[1]),
                    hm[1] + " " + hm[0] + " * * *");
        }
        if (every != null) {
            String e = every.strip().toLowerCase(Locale.ROOT);
            if (e.matches("\\d{1,2}h") && inRange(e, 1, 23)) {
                int n = Integer.parseInt(e.substring(0, e.length() - 1));
                return new ScheduleTime("every " + e, "*-*-* 00/" + n + ":00:00", "0 */" + n + " * * *");
            }
            if (e.matches("\\d{1,2}m") && inRange(e, 5, 59)) {
                int n = Integer.parseInt(e.substring(0, e.length() - 1));
                return new ScheduleTime("every " + e, "*-*-* *:00/" + n + ":00", "*/" + n + " * * * *");
            }
            throw new IllegalArgumentException("--every takes hours (1h to 23h) or minutes (5m to 59m), not '" + every + "'");
        }
        if (weekly.size() != 2 || !DAYS.contains(weekly.get(0).toLowerCase(Locale.ROOT).substring(0, Math.min(3, weekly.get(0).length())))) {
            throw new IllegalArgumentException("--weekly takes a day and a time, e.g. --weekly mon 08:00");
        }
        String day = weekly.get(0).toLowerCase(Locale.ROOT).substring(0, 3);
        int[] hm = time(weekly.get(1));
        String systemdDay = Character.toUpperCase(day.charAt(0)) + day.substring(1);
        return new ScheduleTime("weekly " + day + " " + weekly.get(1),
                String.format(Locale.ROOT, "%s *-*-* %02d:%02d:00", systemdDay, hm[0], hm[1]),
                hm[1] + " " + hm[0] + " * * " + (DAYS.indexOf(day) + 1) % 7);
    }

    private static boolean inRange(String e, int min, int max) {
        int n = Integer.parseInt(e.substring(0, e.length() - 1));
        return n >= min && n <= max;
    }

    private static int[] time(String text) {
        if (text == null || !text.strip().matches("\\d{1,2}:\\d{2}")) {
            throw new IllegalArgumentException("a time is HH:MM (24 hours), e.g. 07:30, not '" + text + "'");
        }
        String[] parts = text.strip().split(":");
        int h = Integer.parseInt(parts[0]);
        int m = Integer.parseInt(parts[1]);
        if (h > 23 || m > 59) {
            throw new IllegalArgumentException("a time is HH:MM (24 hours), e.g. 07:30, not '" + text + "'");
        }
        return new int[]{h, m};
    }
}
