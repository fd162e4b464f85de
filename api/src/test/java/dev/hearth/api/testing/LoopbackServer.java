package dev.hearth.api.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A real HTTP server on 127.0.0.1 and a free port, for testing actions that fetch: fixture pages,
 * redirects, slow answers, big bodies, any status. It records every request path so a test can
 * assert that a refused call never reached it.
 *
 * <pre>{@code
 * try (LoopbackServer server = LoopbackServer.start()) {
 *     server.page("/a", "text/html; charset=utf-8", "<title>A</title>");
 *     URI a = server.uri("/a");
 * }
 * }</pre>
 */
public final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-server");
        t.setDaemon(true);
        return t;
    });
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a server on a free loopback port. */
    public static LoopbackServer start() {
        try {
            return new LoopbackServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a loopback HTTP server", e);
        }
    }

    /** The port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT/path}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** The paths requested so far, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Serves {@code body} (UTF-8) at {@code path} with status 200. */
    public LoopbackServer page(String path, String contentType, String body) {
        return respond(path, 200, contentType, body.getBytes(StandardCharsets.UTF_8), 0);
    }

    /** Serves {@code body} encoded in {@code charset}, with a Content-Type header given as is. */
    public LoopbackServer page(String path, String contentType, String body, Charset charset) {
        return respond(path, 200, contentType, body.getBytes(charset), 0);
    }

    /** Serves {@code body} at {@code path} with any status, after waiting {@code delayMillis}. */
    public LoopbackServer respond(String path, int status, String contentType, byte[] body, long delayMillis) {
        server.createContext(path, exchange -> {
            sleep(delayMillis);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            send(exchange, status, body);
        });
        return this;
    }

    /**
     * Answers {@code path} with {@code handler}, for tests that read the request (e.g. its
     * conditional-GET headers); the path is recorded like every other request.
     */
    public LoopbackServer handle(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            handler.handle(exchange);
        });
        return this;
    }

    /** Answers {@code path} with a redirect to {@code location}. */
    public LoopbackServer redirect(String path, int status, String location) {
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            send(exchange, status, new byte[0]);
        });
        return this;
    }

    /** Streams {@code bytes} bytes of text at {@code path}, slowly when {@code chunkDelayMillis > 0}. */
    public LoopbackServer stream(String path, String contentType, long bytes, long chunkDelayMillis) {
        server.createContext(path, exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = "<p>lorem ipsum dolor sit amet</p>\n".repeat(30).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                for (long sent = 0; sent < bytes; sent += chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, bytes - sent));
                    out.flush();
                    sleep(chunkDelayMillis);
                }
            } catch (IOException e) {
                // the client stopped reading: expected for size caps and time-outs
            }
        });
        return this;
    }

    private void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        requests.add(exchange.getRequestURI().getPath());
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
