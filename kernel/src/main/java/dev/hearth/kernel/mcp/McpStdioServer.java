package dev.hearth.kernel.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.api.BackgroundThreads;
import dev.hearth.kernel.cell.DiscardingCellContext;
import dev.hearth.kernel.json.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The server side of MCP over stdio, the subset Hearth serves: {@code initialize}, {@code ping},
 * {@code tools/list}, {@code tools/call}, {@code resources/list}, {@code resources/read} and the
 * client's {@code notifications/cancelled}. One JSON-RPC message a line; each request runs on a
 * thread of its own so a slow tool never holds up a ping or a cancellation.
 */
public final class McpStdioServer {

    /** The protocol revisions whose tools and resources messages this server speaks, newest first. */
    static final List<String> VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

    /** A JSON-RPC error answer. */
    static final class RpcError extends Exception {
        final int code;

        RpcError(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private static final System.Logger LOG = System.getLogger(McpStdioServer.class.getName());

    private final HearthMcpService service;
    private final String version;
    private final OutputStream out;
    private final ExecutorService workers = Executors.newCachedThreadPool(BackgroundThreads.daemon("hearth-mcp-serve"));
    private final Map<String, DiscardingCellContext> running = new ConcurrentHashMap<>();

    /** A server answering with {@code service}, writing to {@code out}. */
    public McpStdioServer(HearthMcpService service, String version, OutputStream out) {
        this.service = service;
        this.version = version;
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
            running.values().forEach(DiscardingCellContext::cancel);
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
            send(error(null, -32700, "parse error: " + e.getMessage()));
            return;
        }
        if (!message.isObject() || !message.hasNonNull("method")) {
            if (message.has("id") && !message.has("result") && !message.has("error")) {
                send(error(message.get("id"), -32600, "invalid request: no method"));
            }
            return; // a response to us, or junk without an id: nothing to answer
        }
        String method = message.get("method").asText();
        JsonNode params = message.path("params");
        if (!message.has("id")) {
            if (method.equals("notifications/cancelled")) {
                DiscardingCellContext call = running.get(params.path("requestId").toString());
                if (call != null) {
                    call.cancel();
                }
            }
            return;
        }
        JsonNode id = message.get("id");
        DiscardingCellContext call = new DiscardingCellContext();
        running.put(id.toString(), call);
        workers.submit(() -> {
            try {
                ObjectNode response = Json.mapper().createObjectNode().put("jsonrpc", "2.0");
                response.set("id", id);
                response.set("result", handle(method, params, call));
                send(response);
            } catch (RpcError e) {
                send(error(id, e.code, e.getMessage()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, method + " failed", e);
                send(error(id, -32603, "internal error: " + e.getMessage()));
            } finally {
                running.remove(id.toString());
            }
        });
    }

    private JsonNode handle(String method, JsonNode params, DiscardingCellContext call) throws RpcError {
        switch (method) {
            case "initialize":
                return initialize(params);
            case "ping":
                return Json.mapper().createObjectNode();
            case "tools/list":
                return Json.mapper().createObjectNode().set("tools", service.tools());
            case "tools/call":
                return service.call(params.path("name").asText(), params.path("arguments"), call);
            case "resources/list":
                return Json.mapper().createObjectNode().set("resources", service.resources());
            case "resources/read":
                return service.read(params.path("uri").asText());
            default:
                throw new RpcError(-32601, "method not found: " + method);
        }
    }

    private JsonNode initialize(JsonNode params) {
        String asked = params.path("protocolVersion").asText("");
        ObjectNode result = Json.mapper().createObjectNode().put("protocolVersion", VERSIONS.contains(asked) ? asked : VERSIONS.get(0));
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools").put("listChanged", false);
        capabilities.putObject("resources").put("listChanged", false).put("subscribe", false);
        result.putObject("serverInfo").put("name", "hearth").put("version", version);
        result.put("instructions", "Hearth: the user's private memory (recall, remember; collections as resources) "
                + "and their Hearth actions. Actions with side effects run only when the user started the server with --allow NAME.");
        return result;
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode response = Json.mapper().createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.putObject("error").put("code", code).put("message", message);
        return response;
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
