package dev.hearth.kernel.run;

import dev.hearth.api.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Schedules as systemd user timers: {@code hearth-NAME.service} (a oneshot {@code hearth run}) and
 * {@code hearth-NAME.timer} in the user's unit folder. When {@code manage} is set (the real
 * folder), {@code systemctl --user} reloads, enables and starts the timer; otherwise (another
 * folder, e.g. for packaging or tests) only the files are written.
 */
final class SystemdTimers implements Scheduler {

    private final Path unitDir;
    private final boolean manage;

    SystemdTimers(Path unitDir, boolean manage) {
        this.unitDir = unitDir;
        this.manage = manage;
    }

    /** Whether this machine runs systemd and has {@code systemctl}. */
    static boolean available() {
        return Files.isDirectory(Path.of("/run/systemd/system")) && ExternalCommand.onPath("systemctl");
    }

    @Override
    public String backend() {
        return "systemd";
    }

    @Override
    public List<String> add(Schedule s) throws IOException {
        String unit = "hearth-" + s.name();
        String service = s.marker() + "\n[Unit]\nDescription=Hearth: run " + s.notebook().getFileName() + "\n\n"
                + "[Service]\nType=oneshot\n"
                + "WorkingDirectory=" + escape(s.notebook().getParent().toString()) + "\n"
                + "Environment=" + quote("HEARTH_HOME=" + s.home()) + "\n"
                + "ExecStart=" + s.command().stream().map(SystemdTimers::quote).collect(Collectors.joining(" ")) + "\n";
        String timer = s.marker() + "\n[Unit]\nDescription=Hearth schedule " + s.name() + " (" + s.when().description() + ")\n\n"
                + "[Timer]\nOnCalendar=" + s.when().onCalendar() + "\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n";
        AtomicFiles.write(unitDir.resolve(unit + ".service"), service.getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(unitDir.resolve(unit + ".timer"), timer.getBytes(StandardCharsets.UTF_8));
        List<String> notes = new ArrayList<>(List.of("wrote " + unitDir.resolve(unit + ".timer") + " and " + unit + ".service"));
        String enable = "systemctl --user daemon-reload && systemctl --user enable --now " + unit + ".timer";
        if (manage) {
            ExternalCommand reload = ExternalCommand.run(List.of("systemctl", "--user", "daemon-reload"), null);
            ExternalCommand start = reload.exitCode() != 0 ? reload
                    : ExternalCommand.run(List.of("systemctl", "--user", "enable", "--now", unit + ".timer"), null);
            notes.add(start.exitCode() == 0 ? "enabled " + unit + ".timer (systemctl --user list-timers shows the next run)"
                    : "could not enable it (" + start.output() + "); run: " + enable);
        } else {
            notes.add("to enable it: " + enable);
        }
        return notes;
    }

    @Override
    public List<Schedule.Listed> list() throws IOException {
        if (!Files.isDirectory(unitDir)) {
            return List.of();
        }
        List<Schedule.Listed> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(unitDir)) {
            for (Path timer : files.filter(p -> p.getFileName().toString().matches("hearth-.+\\.timer")).sorted().toList()) {
                String first = Files.readAllLines(timer, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                Schedule.Listed listed = Schedule.Listed.fromMarker(first, backend());
                if (listed != null) {
                    found.add(listed);
                }
            }
        }
        return found;
    }

    @Override
    public boolean remove(String name) throws IOException {
        String unit = "hearth-" + name;
        Path timer = unitDir.resolve(unit + ".timer");
        if (!Files.isRegularFile(timer) || Schedule.Listed.fromMarker(
                Files.readAllLines(timer, StandardCharsets.UTF_8).stream().findFirst().orElse(""), backend()) == null) {
            return false;
        }
        if (manage) {
            ExternalCommand.run(List.of("systemctl", "--user", "disable", "--now", unit + ".timer"), null);
        }
        Files.deleteIfExists(timer);
        Files.deleteIfExists(unitDir.resolve(unit + ".service"));
        if (manage) {
            ExternalCommand.run(List.of("systemctl", "--user", "daemon-reload"), null);
        }
        return true;
    }

    /** An argument as systemd reads it in {@code ExecStart=}: double quotes, C escapes, {@code %} doubled. */
    static String quote(String arg) {
        return "\"" + escape(arg).replace("\"", "\\\"") + "\"";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "%%").replace("$", "$$");
    }
}
