package dev.hearth.kernel.run;

import dev.hearth.kernel.Wiring;
import dev.hearth.kernel.actions.ActionRegistry;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.config.SecretRedactor;
import dev.hearth.kernel.eval.CellStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** {@code hearth run NOTEBOOK}: runs a notebook headless in its own folder and records the run. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run every code cell of a notebook headless, in-process (no Jupyter needed), with the notebook's "
                + "folder as working directory, and write the executed notebook. Every run is recorded (hearth runs).%n"
                + "Exit codes: 0 every cell ran; 1 a cell failed; 2 bad arguments or notebook; "
                + "3 every cell ran but a model's call of an action with side effects was refused "
                + "(nobody to approve it: allow it in the cell with --allow NAME).")
final class RunCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss");

    @Parameters(index = "0", paramLabel = "NOTEBOOK", description = "the .ipynb to run")
    Path notebook;

    @Option(names = {"-p", "--parameter"}, paramLabel = "NAME=VALUE",
            description = "a parameter, injected after the cell tagged 'parameters' (repeatable)")
    List<String> parameters = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.ipynb",
            description = "where to write the executed notebook (default: NOTEBOOK.out.ipynb beside it)")
    Path output;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "write the executed notebook to DIR/NAME-DATETIME.ipynb (one file per run; see --keep)")
    Path outputDir;

    @Option(names = "--keep", paramLabel = "N", description = "keep the output notebooks of this notebook's newest N runs, delete older ones")
    Integer keep;

    @Option(names = "--if-changed",
            description = "write no new output (and say so) when the results shown equal the last run's")
    boolean ifChanged;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "the longest one cell may run (default: ${DEFAULT-VALUE})",
            defaultValue = "600")
    long timeoutSeconds;

    @Option(names = "--kernel-log", paramLabel = "FILE", description = "write the kernel's log to FILE")
    Path kernelLog;

    @Option(names = "--cwd", paramLabel = "DIR",
            description = "the working directory of the cells (default: the notebook's folder)")
    Path cwd;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path caller = RunDirectory.caller(System.getenv());
        notebook = caller.resolve(notebook).normalize();
        output = output == null ? null : caller.resolve(output).normalize();
        outputDir = outputDir == null ? null : caller.resolve(outputDir).normalize();
        kernelLog = kernelLog == null ? null : caller.resolve(kernelLog).normalize();
        try {
            if (!Files.isRegularFile(notebook)) {
                throw new IOException(notebook + ": no such notebook");
            }
            if (output != null && outputDir != null) {
                throw new IOException("give -o or --output-dir, not both");
            }
            if (keep != null && keep < 1) {
                throw new IOException("--keep needs 1 or more");
            }
            Path workingDir = RunDirectory.target(notebook, cwd == null ? null : caller.resolve(cwd));
            if (!RunDirectory.runsIn(workingDir)) {
                return RunDirectory.runIn(workingDir, caller, spec.root().commandLine().getParseResult().originalArgs());
            }
        } catch (IOException e) {
            System.err.println("hearth run: " + e.getMessage());
            return 2;
        }
        CellScope cells = new CellScope();
        PrintStream err = CellStreams.install(cells);
        if (kernelLog != null) {
            logTo(kernelLog);
        } else {
            Logger.getLogger("").setLevel(Level.SEVERE);
        }
        Map<String, Object> input;
        Map<String, String> values;
        try {
            values = dev.hearth.kernel.run.Parameters.parse(parameters);
            input = NotebookRunner.read(notebook);
        } catch (IOException | IllegalArgumentException e) {
            err.println("hearth run: " + e.getMessage());
            return 2;
        }
        System.setProperty(dev.hearth.kernel.notes.Notes.NOTEBOOK_PROPERTY, notebook.getFileName().toString());
        HearthConfig config = HearthConfig.load();
        RunHistory history = new RunHistory(config.home().resolve("runs"));
        RunRecord record = history.start(notebook);
        Path target = target(record.startedAt());
        try (Wiring wiring = Wiring.create(config, cells)) {
            err.println("hearth run: " + notebook + " -> " + target);
            NotebookRunner runner = new NotebookRunner(wiring.interpreter(),
                    timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : null, err, new SecretRedactor(config),
                    config.getLong(dev.hearth.kernel.cell.StreamBudget.LIMIT.name(), dev.hearth.kernel.cell.StreamBudget.DEFAULT_LIMIT));
            NotebookRunner.Result result = runner.run(input, values);
            if (ifChanged && result.ok()) {
                Optional<RunRecord> last = history.lastWithOutput(notebook, record.id());
                if (last.isPresent() && sameResults(last.get(), result)) {
                    history.save(record.ended(Instant.now(), "unchanged", 0, null, null));
                    err.println("hearth run: the results are the same as the last run's (" + last.get().output()
                            + "); no new output written (--if-changed)");
                    return 0;
                }
            }
            NotebookRunner.write(result.notebook(), target);
            List<ActionRegistry.Refusal> refused = wiring.service(ActionRegistry.class).refusals();
            for (ActionRegistry.Refusal refusal : refused) {
                err.println("hearth run: refused " + refusal.action() + ": " + refusal.reason());
            }
            String refusedActions = refused.stream().map(ActionRegistry.Refusal::action).distinct()
                    .collect(Collectors.joining(", "));
            history.save(record.ended(Instant.now(), !result.ok() ? "failed" : refused.isEmpty() ? "ok" : "refused",
                    result.failedCell(), result.ok() && !refused.isEmpty() ? "refused " + refusedActions : result.failure(),
                    target.toString()));
            if (keep != null) {
                history.prune(notebook, keep).forEach(p -> err.println("hearth run: removed old output " + p));
            }
            if (!result.ok()) {
                err.println("hearth run: cell " + result.failedCell() + " failed: " + result.failure());
                err.println("hearth run: the notebook with the outputs so far is " + target);
                return 1;
            }
            if (!refused.isEmpty()) {
                err.println("hearth run: every cell ran, but a model's side effect was refused (" + refusedActions
                        + "); executed notebook: " + target);
                return HearthCommand.SIDE_EFFECT_REFUSED;
            }
            err.println("hearth run: done; executed notebook: " + target);
            return 0;
        } catch (IOException | RuntimeException | Error e) {
            history.save(record.ended(Instant.now(), "failed", 0, e.toString(), null));
            throw e;
        }
    }

    private Path target(Instant started) {
        String name = notebook.getFileName().toString().replaceFirst("\\.ipynb$", "");
        if (output != null) {
            return output;
        }
        if (outputDir != null) {
            return outputDir.resolve(name + "-" + STAMP.format(started.atZone(ZoneId.systemDefault())) + ".ipynb");
        }
        return notebook.resolveSibling(name + ".out.ipynb");
    }

    private static boolean sameResults(RunRecord last, NotebookRunner.Result result) {
        try {
            return DisplayedResults.of(NotebookRunner.read(Path.of(last.output()))).equals(DisplayedResults.of(result.notebook()));
        } catch (IOException e) {
            return false;
        }
    }

    private static void logTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT [hearth %4$s] %5$s%6$s%n");
        Logger root = Logger.getLogger("");
        for (var handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        FileHandler handler = new FileHandler(file.toString(), true);
        handler.setFormatter(new SimpleFormatter());
        handler.setLevel(Level.INFO);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
    }
}
