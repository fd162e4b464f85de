package dev.hearth.kernel.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real kernel as a child process (same class path as the tests), with its own connection
 * file and Hearth home, and a {@link KernelClient} connected to it. Close to kill it.
 */
public final class KernelProcess implements AutoCloseable {

    private final Process process;
    private final Path connectionFile;
    private final Path home;
    private final Path log;
    private final Map<String, Object> connection;
    private KernelClient client;

    private KernelProcess(Process process, Path connectionFile, Path home, Path log, Map<String, Object> connection) {
        this.process = process;
        this.connectionFile = connectionFile;
        this.home = home;
        this.log = log;
        this.connection = connection;
    }

    /** Starts a kernel whose Hearth home is {@code home}, with extra environment variables. */
    public static KernelProcess start(Path home, Map<String, String> env) throws IOException {
        Files.createDirectories(home);
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("transport", "tcp");
        connection.put("ip", "127.0.0.1");
        for (String port : List.of("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")) {
            connection.put(port, freePort());
        }
        connection.put("key", UUID.randomUUID().toString());
        connection.put("signature_scheme", "hmac-sha256");
        connection.put("kernel_name", "hearth");
        Path connectionFile = home.resolve("kernel-" + UUID.randomUUID() + ".json");
        new ObjectMapper().writeValue(connectionFile.toFile(), connection);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.hearth.kernel.Main", connectionFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HEARTH_HOME", home.toString());
        builder.environment().remove("JPY_PARENT_PID");
        builder.environment().putAll(env);
        Path log = home.resolve("kernel-" + connection.get("shell_port") + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        return new KernelProcess(process, connectionFile, home, log, connection);
    }

    /** Starts a kernel with a fresh Hearth home under {@code dir}. */
    public static KernelProcess start(Path dir) throws IOException {
        return start(dir.resolve("home-" + UUID.randomUUID()), Map.of());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A client connected to this kernel, waiting until the kernel answers (at most 60 s: a start
     * on a loaded 2-core machine has taken over 30 s); a kernel that never answers fails with its log.
     */
    public synchronized KernelClient client() {
        if (client == null) {
            KernelClient connected = new KernelClient(connection);
            try {
                connected.waitForReady(60_000);
            } catch (IllegalStateException e) {
                connected.close();
                throw new IllegalStateException(e.getMessage() + " (process alive: " + process.isAlive() + ")\n"
                        + "kernel log:\n" + log(), e);
            }
            client = connected;
        }
        return client;
    }

    /** The connection file's content (ports, key). */
    public Map<String, Object> connection() {
        return connection;
    }

    public Process process() {
        return process;
    }

    public Path home() {
        return home;
    }

    public Path connectionFile() {
        return connectionFile;
    }

    /** What the kernel wrote to stdout/stderr so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits up to {@code millis} for the process to exit; true when it did. */
    public boolean waitForExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The class path separator-joined entries of this JVM (for child processes). */
    public static String classPath() {
        return String.join(File.pathSeparator, System.getProperty("java.class.path").split(File.pathSeparator));
    }
}
