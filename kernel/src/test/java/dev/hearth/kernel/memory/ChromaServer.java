package dev.hearth.kernel.memory;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Chroma 1.x server for the tests, started once per test JVM from the npm package in
 * {@code test-support/chroma} ({@code npx chroma run}) on a free loopback port, with its data in
 * a temporary directory; stopped by PID (with its child processes) when the tests end.
 */
public final class ChromaServer implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    private static ChromaServer running;
    private final Process process;
    private final Path data;
    private final String url;

    private ChromaServer(Process process, Path data, String url) {
        this.process = process;
        this.data = data;
        this.url = url;
    }

    /** Used by JUnit through {@code @ExtendWith}. */
    public ChromaServer() {
        this(null, null, null);
    }

    /** The base URL of the running server. */
    public static String url() {
        if (running == null) {
            throw new IllegalStateException("the Chroma server has not been started (use @ExtendWith(ChromaServer.class))");
        }
        return running.url;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (ChromaServer.class) {
            if (running == null) {
                running = start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(ChromaServer.class, running);
            }
        }
    }

    private static Path supportDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("test-support/chroma");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("test-support/chroma/package.json not found above " + Path.of("").toAbsolutePath());
    }

    private static ChromaServer start() throws IOException, InterruptedException {
        Path support = supportDir();
        if (!Files.isDirectory(support.resolve("node_modules/chromadb"))) {
            throw new IllegalStateException("Chroma for the tests is not installed: run `npm ci --prefix " + support + "`");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory("hearth-chroma");
        Path log = data.resolveSibling(data.getFileName() + ".log");
        Process process = new ProcessBuilder("npx", "--no-install", "chroma", "run", "--path", data.toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(port))
                .directory(support.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String url = "http://127.0.0.1:" + port;
        ChromaServer server = new ChromaServer(process, data, url);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Chroma exited at start: " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v2/heartbeat"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        server.close();
        throw new IllegalStateException("Chroma did not answer /api/v2/heartbeat within 60 s: " + Files.readString(log));
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
