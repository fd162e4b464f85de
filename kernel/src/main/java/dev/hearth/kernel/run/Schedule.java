package dev.hearth.kernel.run;

import java.nio.file.Path;
import java.util.List;

/**
 * A scheduled notebook.
 *
 * @param name      the schedule's name (letters, digits, {@code -} and {@code _}): {@code hearth-NAME.timer}
 * @param notebook  the notebook (absolute)
 * @param when      when it runs
 * @param command   the command that runs it ({@code hearth run ...}, as this Java starts it)
 * @param home      the Hearth home the runs are recorded in
 */
record Schedule(String name, Path notebook, ScheduleTime when, List<String> command, Path home) {

    /** The marker line that identifies a schedule Hearth wrote, in a unit file or a crontab. */
    String marker() {
        return "# hearth-schedule: " + name + " | " + when.description() + " | " + notebook;
    }

    /**
     * A schedule as {@code hearth schedule list} shows it, read back from a marker line.
     *
     * @param name     its name
     * @param when     when it runs, as the user said it
     * @param notebook the notebook
     * @param backend  {@code systemd} or {@code cron}
     */
    record Listed(String name, String when, String notebook, String backend) {

        /** The schedule a marker line describes, or {@code null} when the line is not one. */
        static Listed fromMarker(String line, String backend) {
            String prefix = "# hearth-schedule: ";
            int at = line.indexOf(prefix);
            if (at < 0) {
                return null;
            }
            String[] parts = line.substring(at + prefix.length()).split(" \\| ", 3);
            return parts.length == 3 ? new Listed(parts[0].strip(), parts[1].strip(), parts[2].strip(), backend) : null;
        }
    }
}
