package dev.hearth.kernel.run;

import dev.hearth.kernel.config.HearthConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hearth runs [NOTEBOOK]}: the run history. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List the recorded runs (of NOTEBOOK, or of every notebook): start, duration, status, failing cell, output.")
final class RunsCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Parameters(index = "0", arity = "0..1", paramLabel = "NOTEBOOK", description = "only this notebook's runs")
    Path notebook;

    @Override
    public Integer call() throws Exception {
        Path caller = RunDirectory.caller(System.getenv());
        List<RunRecord> runs = new RunHistory(HearthConfig.load().home().resolve("runs"))
                .list(notebook == null ? null : caller.resolve(notebook).normalize());
        if (runs.isEmpty()) {
            System.out.println(notebook == null ? "No runs recorded yet." : "No runs of " + notebook + " recorded yet.");
            return 0;
        }
        System.out.printf(Locale.ROOT, "%-19s  %8s  %-9s  %s%n", "started", "took", "status", "notebook / output / failure");
        for (RunRecord r : runs) {
            Duration took = r.duration();
            System.out.printf(Locale.ROOT, "%-19s  %8s  %-9s  %s%n", TIME.format(r.startedAt().atZone(ZoneId.systemDefault())),
                    took == null ? "-" : String.format(Locale.ROOT, "%.1fs", took.toMillis() / 1000.0), r.status(), r.notebook());
            if (r.output() != null) {
                System.out.println(" ".repeat(42) + "output: " + r.output());
            }
            if (r.failure() != null) {
                System.out.println(" ".repeat(42) + (r.failedCell() > 0 ? "cell " + r.failedCell() + ": " : "") + r.failure());
            }
        }
        return 0;
    }
}
