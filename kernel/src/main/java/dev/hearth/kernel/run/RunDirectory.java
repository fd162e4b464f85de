package dev.hearth.kernel.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The working directory of a {@code hearth run}: the notebook's folder (what nbconvert and papermill
 * use), or the one {@code --cwd} names. A JVM cannot change its own working directory, and cells
 * resolve relative paths against it ({@code Path.of("data/x").toAbsolutePath()}, {@code new File},
 * child processes), so when the caller's directory is another one the run starts again in a child
 * JVM whose working directory is the right one. Paths on the command line keep meaning what the
 * caller meant: the child resolves them against the caller's directory, passed in
 * {@link #CALLER_DIR}.
 */
final class RunDirectory {

    /** Environment variable carrying the caller's directory to the child run. */
    static final String CALLER_DIR = "HEARTH_RUN_CALLER_DIR";

    private RunDirectory() {
    }

    /** The directory the user typed the command in (relative paths on the command line resolve against it). */
    static Path caller(Map<String, String> env) {
        String given = env.get(CALLER_DIR);
        return given != null && !given.isBlank() ? Path.of(given) : current();
    }

    /** This process's working directory. */
    static Path current() {
        return Path.of("").toAbsolutePath().normalize();
    }

    /**
     * The directory the run must execute in.
     *
     * @param notebook the notebook, absolute
     * @param cwd      {@code --cwd} resolved against the caller, or {@code null}
     * @throws IOException when {@code --cwd} is not a directory
     */
    static Path target(Path notebook, Path cwd) throws IOException {
        if (cwd == null) {
            return notebook.getParent();
        }
        if (!Files.isDirectory(cwd)) {
            throw new IOException("--cwd " + cwd + " is not a directory");
        }
        return cwd.toRealPath();
    }

    /** Whether this process already runs in {@code dir}. */
    static boolean runsIn(Path dir) throws IOException {
        return current().toRealPath().equals(dir.toRealPath());
    }

    /**
     * Runs {@code hearth ARGS} again in a child JVM (same Java, JVM options and class path) with
     * {@code dir} as its working directory; the child's output is this process's output, and it
     * ends with this process.
     *
     * @return the child's exit code
     */
    static int runIn(Path dir, Path caller, List<String> args) throws IOException, InterruptedException {
        List<String> command = SelfCommand.with(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).inheritIO();
        builder.environment().put(CALLER_DIR, caller.toString());
        Process child = builder.start();
        Thread stopChild = new Thread(child::destroy, "hearth-run-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            return child.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and stops the child
            }
        }
    }
}
