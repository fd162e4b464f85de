package dev.hearth.kernel.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A short external command ({@code systemctl}, {@code crontab}) run with a time-out.
 *
 * @param exitCode its exit code
 * @param output   what it printed (stdout and stderr together)
 */
record ExternalCommand(int exitCode, String output) {

    /** Runs {@code command}, feeding it {@code input} (or nothing), for at most 30 s. */
    static ExternalCommand run(List<String> command, String input) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            // small outputs: reading to the end before waiting cannot block on a full pipe
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 30 s");
            }
            return new ExternalCommand(process.exitValue(), output.strip());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " was interrupted");
        }
    }

    /** Whether {@code program} is on the PATH. */
    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
