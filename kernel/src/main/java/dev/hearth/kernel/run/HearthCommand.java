package dev.hearth.kernel.run;

import dev.hearth.kernel.Wiring;
import dev.hearth.kernel.actions.ActionRegistry;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.config.SecretRedactor;
import dev.hearth.kernel.eval.CellStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** The {@code hearth} command line. */
@Command(name = "hearth", mixinStandardHelpOptions = true, versionProvider = HearthCommand.Version.class,
        description = "Hearth, a Jupyter kernel in Java that is a personal AI shell.%n"
                + "As a kernel, Jupyter starts it with a connection file: hearth CONNECTION_FILE.",
        subcommands = {HearthCommand.Run.class})
public final class HearthCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** Runs the command line; returns the exit code. */
    public static int execute(String... args) {
        return new CommandLine(new HearthCommand()).execute(args);
    }

    /** {@code hearth --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"hearth " + dev.hearth.kernel.session.KernelHandlers.VERSION + " (Java " + Runtime.version() + ")"};
        }
    }

    /** The exit code of a run whose cells all ran but where a model's side effect was refused. */
    public static final int SIDE_EFFECT_REFUSED = 3;

    /** {@code hearth run NOTEBOOK}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run every code cell of a notebook headless, in-process (no Jupyter needed), "
                    + "and write the executed notebook.%n"
                    + "Exit codes: 0 every cell ran; 1 a cell failed; 2 bad arguments or notebook; "
                    + "3 every cell ran but a model's call of an action with side effects was refused "
                    + "(nobody to approve it: allow it in the cell with --allow NAME).")
    static final class Run implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NOTEBOOK", description = "the .ipynb to run")
        Path notebook;

        @Option(names = {"-p", "--parameter"}, paramLabel = "NAME=VALUE",
                description = "a parameter, injected after the cell tagged 'parameters' (repeatable)")
        List<String> parameters = new ArrayList<>();

        @Option(names = {"-o", "--output"}, paramLabel = "OUT.ipynb",
                description = "where to write the executed notebook (default: NOTEBOOK.out.ipynb beside it)")
        Path output;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "the longest one cell may run (default: ${DEFAULT-VALUE})",
                defaultValue = "600")
        long timeoutSeconds;

        @Option(names = "--kernel-log", paramLabel = "FILE", description = "write the kernel's log to FILE")
        Path kernelLog;

        @Override
        public Integer call() throws Exception {
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
            Path target = output != null ? output : defaultOutput(notebook);
            HearthConfig config = HearthConfig.load();
            try (Wiring wiring = Wiring.create(config, cells)) {
                err.println("hearth run: " + notebook + " -> " + target);
                NotebookRunner runner = new NotebookRunner(wiring.interpreter(),
                        timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : null, err, new SecretRedactor(config));
                NotebookRunner.Result result = runner.run(input, values);
                NotebookRunner.write(result.notebook(), target);
                List<ActionRegistry.Refusal> refused = wiring.service(ActionRegistry.class).refusals();
                for (ActionRegistry.Refusal refusal : refused) {
                    err.println("hearth run: refused " + refusal.action() + ": " + refusal.reason());
                }
                if (!result.ok()) {
                    err.println("hearth run: cell " + result.failedCell() + " failed: " + result.failure());
                    err.println("hearth run: the notebook with the outputs so far is " + target);
                    return 1;
                }
                if (!refused.isEmpty()) {
                    err.println("hearth run: every cell ran, but a model's side effect was refused ("
                            + refused.stream().map(ActionRegistry.Refusal::action).distinct().collect(Collectors.joining(", "))
                            + "); executed notebook: " + target);
                    return SIDE_EFFECT_REFUSED;
                }
                err.println("hearth run: done; executed notebook: " + target);
                return 0;
            }
        }

        private static Path defaultOutput(Path notebook) {
            String name = notebook.getFileName().toString().replaceFirst("\\.ipynb$", "");
            return notebook.toAbsolutePath().resolveSibling(name + ".out.ipynb");
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
}
