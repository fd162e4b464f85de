package dev.hearth.kernel.run;

import java.io.IOException;
import java.util.List;

/** Where schedules live: systemd user timers or the user's crontab. */
interface Scheduler {

    /** {@code systemd} or {@code cron}. */
    String backend();

    /** Adds (or replaces) {@code schedule}; returns what the user should know, one line each. */
    List<String> add(Schedule schedule) throws IOException;

    /** The schedules Hearth wrote here. */
    List<Schedule.Listed> list() throws IOException;

    /** Removes schedule {@code name}; whether there was one. */
    boolean remove(String name) throws IOException;
}
