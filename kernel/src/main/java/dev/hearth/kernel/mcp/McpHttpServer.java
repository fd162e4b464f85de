package dev.hearth.kernel.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hearth.api.BackgroundThreads;
import dev.hearth.kernel.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link McpProtocol} over streamable HTTP at {@code http://127.0.0.1:PORT/mcp}, loopback only:
 * every request needs {@code Authorization: Bearer TOKEN} (so other local programs and users cannot
 * read the memory), and a request from a web page of another origin is refused (DNS rebinding).
 * Each POST carries one message; a request is answered with one JSON response, anything else with
 * 202. There is no server-initiated stream (GET answers 405).
 */
public final class McpHttpServer implements AutoCloseable {

    private static final long MAX_BODY = 4L * 1024 * 1024;
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final McpProtocol protocol;
    private final byte[] token;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(BackgroundThreads.daemon("hearth-mcp-http"));

    /**
     * Binds {@code port} on the loopback address ({@code 0}: any free port) and starts serving.
     *
     * @throws IOException when the port cannot be bound
     */
    public McpHttpServer(McpProtocol protocol, int port, String token) throws IOException {
        this.protocol = protocol;
        this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/mcp", this::serve);
        server.setExecutor(workers);
        server.start();
    }

    /** Where clients connect. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null && !isLocal(origin)) {
                reply(exchange, 403, "origin " + origin + " may not use this server");
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !MessageDigest.isEqual(token, auth.getBytes(StandardCharsets.UTF_8))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                reply(exchange, 401, "send Authorization: Bearer TOKEN (the token hearth mcp --http printed or HEARTH_MCP_TOKEN)");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().add("Allow", "POST");
                reply(exchange, 405, "POST one JSON-RPC message to this URL");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes((int) MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                reply(exchange, 413, "message larger than " + MAX_BODY + " bytes");
                return;
            }
            Optional<ObjectNode> answer = protocol.handle(new String(body, StandardCharsets.UTF_8));
            if (answer.isEmpty()) {
                exchange.sendResponseHeaders(202, -1);
                return;
            }
            byte[] json = Json.mapper().writeValueAsBytes(answer.get());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        }
    }

    private static boolean isLocal(String origin) {
        try {
            URI uri = URI.create(origin);
            return uri.getHost() != null && LOCAL_HOSTS.contains(uri.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        protocol.cancelAll();
        workers.shutdownNow();
    }
}
