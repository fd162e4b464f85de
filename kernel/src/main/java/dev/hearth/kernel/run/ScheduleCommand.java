package dev.hearth.kernel.run;

import dev.hearth.kernel.config.HearthConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hearth schedule add|list|remove}: notebooks run by systemd user timers where systemd runs,
 * by cron otherwise. {@code HEARTH_SYSTEMD_USER_DIR} and {@code HEARTH_CRONTAB_FILE} redirect the
 * units or the crontab to other files (then systemd and cron themselves are not touched).
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Run a notebook on a schedule (systemd user timer, else crontab); every run is recorded (hearth runs).",
        subcommands = {ScheduleCommand.Add.class, ScheduleCommand.ListSchedules.class, ScheduleCommand.Remove.class})
final class ScheduleCommand implements Callable<Integer> {

    static final String SYSTEMD_DIR_ENV = "HEARTH_SYSTEMD_USER_DIR";
    static final String CRONTAB_ENV = "HEARTH_CRONTAB_FILE";

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** The schedulers of this machine: the one new schedules go to first. */
    static List<Scheduler> schedulers(Map<String, String> env, String backend) {
        String unitDir = env.get(SYSTEMD_DIR_ENV);
        String crontab = env.get(CRONTAB_ENV);
        SystemdTimers systemd = unitDir != null ? new SystemdTimers(Path.of(unitDir), false)
                : new SystemdTimers(defaultUnitDir(env), true);
        Crontab cron = new Crontab(crontab == null ? null : Path.of(crontab));
        boolean systemdFirst = switch (backend) {
            case "systemd" -> true;
            case "cron" -> false;
            default -> unitDir != null || (crontab == null && SystemdTimers.available());
        };
        return systemdFirst ? List.of(systemd, cron) : List.of(cron, systemd);
    }

    private static Path defaultUnitDir(Map<String, String> env) {
        String config = env.get("XDG_CONFIG_HOME");
        return (config != null && !config.isBlank() ? Path.of(config) : Path.of(System.getProperty("user.home"), ".config"))
                .resolve("systemd").resolve("user");
    }

    /** {@code hearth schedule add NOTEBOOK --daily 07:30}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Schedule NOTEBOOK. Each run writes HEARTH_HOME/outputs/NAME/NAME-DATETIME.ipynb, keeps the newest --keep, "
                    + "and is recorded (hearth runs NOTEBOOK).")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NOTEBOOK", description = "the notebook to run")
        Path notebook;

        @Option(names = "--daily", paramLabel = "HH:MM", description = "every day at this time")
        String daily;

        @Option(names = "--every", paramLabel = "Nh|Nm", description = "every N hours (1h-23h) or minutes (5m-59m)")
        String every;

        @Option(names = "--weekly", arity = "2", paramLabel = "DAY HH:MM", description = "every week, e.g. --weekly mon 08:00")
        List<String> weekly;

        @Option(names = {"-p", "--parameter"}, paramLabel = "NAME=VALUE", description = "a parameter of every run (repeatable)")
        List<String> parameters = new ArrayList<>();

        @Option(names = "--name", description = "the schedule's name (default: the notebook's name)")
        String name;

        @Option(names = "--keep", paramLabel = "N", defaultValue = "30", description = "output notebooks kept (default: ${DEFAULT-VALUE})")
        int keep;

        @Option(names = "--if-changed", description = "write an output only when the results changed")
        boolean ifChanged;

        @Option(names = "--backend", defaultValue = "auto", description = "auto, systemd or cron (default: ${DEFAULT-VALUE})")
        String backend;

        @Override
        public Integer call() throws IOException {
            Path nb = RunDirectory.caller(System.getenv()).resolve(notebook).normalize();
            String scheduleName = name != null ? name : nb.getFileName().toString().replaceFirst("\\.ipynb$", "");
            try {
                if (!Files.isRegularFile(nb)) {
                    throw new IllegalArgumentException(nb + ": no such notebook");
                }
                if (!scheduleName.matches("[A-Za-z0-9_-]+")) {
                    throw new IllegalArgumentException("a schedule name is letters, digits, '-' and '_' (--name), not '" + scheduleName + "'");
                }
                if (!List.of("auto", "systemd", "cron").contains(backend)) {
                    throw new IllegalArgumentException("--backend is auto, systemd or cron, not '" + backend + "'");
                }
                dev.hearth.kernel.run.Parameters.parse(parameters);
                ScheduleTime when = ScheduleTime.parse(daily, every, weekly);
                Path home = HearthConfig.load().home().toAbsolutePath();
                List<String> args = new ArrayList<>(List.of("run", nb.toString(),
                        "--output-dir", home.resolve("outputs").resolve(scheduleName).toString(), "--keep", String.valueOf(keep)));
                if (ifChanged) {
                    args.add("--if-changed");
                }
                parameters.forEach(p -> args.addAll(List.of("-p", p)));
                Schedule schedule = new Schedule(scheduleName, nb, when, SelfCommand.with(args), home);
                // a line break would end the crontab line or unit directive and start another one
                if (schedule.command().stream().anyMatch(a -> a.chars().anyMatch(Character::isISOControl))) {
                    throw new IllegalArgumentException("the notebook's path, HEARTH_HOME and -p values must be one line "
                            + "(no line breaks or control characters) to be scheduled");
                }
                List<Scheduler> schedulers = schedulers(System.getenv(), backend);
                for (Scheduler other : schedulers.subList(1, schedulers.size())) {
                    try {
                        other.remove(scheduleName); // one schedule per name, wherever it was before
                    } catch (IOException notAvailableHere) {
                        // nothing of ours can be there
                    }
                }
                for (String note : schedulers.get(0).add(schedule)) {
                    System.out.println("hearth schedule: " + note);
                }
                System.out.println("hearth schedule: " + scheduleName + " runs " + nb.getFileName() + " " + when.description()
                        + "; hearth runs " + nb + " shows each run");
                return 0;
            } catch (IllegalArgumentException | IOException e) {
                System.err.println("hearth schedule: " + e.getMessage());
                return 2;
            }
        }
    }

    /** {@code hearth schedule list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the schedules Hearth wrote.")
    static final class ListSchedules implements Callable<Integer> {
        @Override
        public Integer call() {
            List<Schedule.Listed> all = new ArrayList<>();
            for (Scheduler s : schedulers(System.getenv(), "auto")) {
                try {
                    all.addAll(s.list());
                } catch (IOException e) {
                    // that scheduler is not available here: nothing of ours in it
                }
            }
            if (all.isEmpty()) {
                System.out.println("No schedules. hearth schedule add NOTEBOOK --daily 07:30 adds one.");
            }
            all.forEach(l -> System.out.printf("%-20s %-18s %-8s %s%n", l.name(), l.when(), l.backend(), l.notebook()));
            return 0;
        }
    }

    /** {@code hearth schedule remove NAME}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a schedule (the run history stays).")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "the schedule's name (hearth schedule list)")
        String name;

        @Override
        public Integer call() {
            boolean removed = false;
            for (Scheduler s : schedulers(System.getenv(), "auto")) {
                try {
                    removed |= s.remove(name);
                } catch (IOException e) {
                    // not available here: nothing of ours in it
                }
            }
            if (!removed) {
                System.err.println("hearth schedule: no schedule named " + name + " (hearth schedule list shows them)");
                return 1;
            }
            System.out.println("hearth schedule: removed " + name);
            return 0;
        }
    }
}
