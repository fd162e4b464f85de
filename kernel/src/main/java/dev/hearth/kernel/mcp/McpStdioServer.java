package dev.hearth.kernel.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.api.BackgroundThreads;
import dev.hearth.kernel.json.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@link McpProtocol} over stdio: one JSON-RPC message a line. Each request runs on a thread of its
 * own so a slow tool never holds up a ping or a cancellation.
 */
public final class McpStdioServer {

    private final McpProtocol protocol;
    private final OutputStream out;
    private final ExecutorService workers = Executors.newCachedThreadPool(BackgroundThreads.daemon("hearth-mcp-serve"));

    /** A server answering through {@code protocol}, writing to {@code out}. */
    public McpStdioServer(McpProtocol protocol, OutputStream out) {
        this.protocol = protocol;
        this.out = out;
    }

    /** Serves the messages of {@code in} until it ends; running calls are cancelled then. */
    public void serve(InputStream in) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    receive(line);
                }
            }
        } finally {
            protocol.cancelAll();
            workers.shutdownNow();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void receive(String line) {
        JsonNode message;
        try {
            message = Json.mapper().readTree(line);
        } catch (IOException e) {
            send(McpProtocol.error(null, -32700, "parse error: " + e.getMessage()));
            return;
        }
        if (McpProtocol.isRequest(message)) {
            workers.submit(() -> protocol.handle(message).ifPresent(this::send));
        } else {
            protocol.handle(message).ifPresent(this::send);
        }
    }

    private void send(ObjectNode message) {
        try {
            byte[] bytes = (Json.mapper().writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the MCP client is gone: " + e.getMessage(), e);
        }
    }
}
