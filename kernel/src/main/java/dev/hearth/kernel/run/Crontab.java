package dev.hearth.kernel.run;

import dev.hearth.api.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Schedules as lines of the user's crontab, each ending in its marker comment. The crontab is read
 * with {@code crontab -l} and written with {@code crontab -}, or, when a file is given (packaging,
 * tests), read and written there; lines Hearth did not write are kept as they are.
 */
final class Crontab implements Scheduler {

    private final Path file;

    /** The user's crontab ({@code file == null}) or the crontab kept in {@code file}. */
    Crontab(Path file) {
        this.file = file;
    }

    @Override
    public String backend() {
        return "cron";
    }

    @Override
    public List<String> add(Schedule s) throws IOException {
        List<String> lines = withoutSchedule(read(), s.name());
        Path log = s.home().resolve("runs").resolve(s.name() + ".log");
        String command = "mkdir -p " + shell(log.getParent().toString()) + " && cd " + shell(s.notebook().getParent().toString())
                + " && HEARTH_HOME=" + shell(s.home().toString())
                + " " + s.command().stream().map(Crontab::shell).collect(Collectors.joining(" "))
                + " >> " + shell(log.toString()) + " 2>&1";
        // cron turns an unescaped % into a newline
        lines.add(s.when().cron() + " " + command.replace("%", "\\%") + " " + s.marker());
        write(lines);
        return List.of("added to " + (file == null ? "your crontab (crontab -l shows it)" : file.toString())
                + "; each run's progress goes to " + log);
    }

    @Override
    public List<Schedule.Listed> list() throws IOException {
        List<Schedule.Listed> found = new ArrayList<>();
        for (String line : read()) {
            Schedule.Listed listed = Schedule.Listed.fromMarker(line, backend());
            if (listed != null) {
                found.add(listed);
            }
        }
        return found;
    }

    @Override
    public boolean remove(String name) throws IOException {
        List<String> lines = read();
        List<String> kept = withoutSchedule(lines, name);
        if (kept.size() == lines.size()) {
            return false;
        }
        write(kept);
        return true;
    }

    private static List<String> withoutSchedule(List<String> lines, String name) {
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            Schedule.Listed listed = Schedule.Listed.fromMarker(line, "cron");
            if (listed == null || !listed.name().equals(name)) {
                kept.add(line);
            }
        }
        return kept;
    }

    private List<String> read() throws IOException {
        if (file != null) {
            return Files.isRegularFile(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>();
        }
        if (!ExternalCommand.onPath("crontab")) {
            throw new IOException("neither systemd nor cron is available here (no crontab command): install cron, "
                    + "or run hearth run from your own scheduler");
        }
        ExternalCommand listed = ExternalCommand.run(List.of("crontab", "-l"), null);
        if (listed.exitCode() != 0) {
            if (listed.output().contains("no crontab")) {
                return new ArrayList<>();
            }
            throw new IOException("crontab -l failed: " + listed.output());
        }
        return new ArrayList<>(listed.output().lines().toList());
    }

    private void write(List<String> lines) throws IOException {
        String text = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        if (file != null) {
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
            return;
        }
        ExternalCommand written = ExternalCommand.run(List.of("crontab", "-"), text);
        if (written.exitCode() != 0) {
            throw new IOException("crontab - failed: " + written.output());
        }
    }

    /** {@code text} as one single-quoted shell word. */
    static String shell(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
