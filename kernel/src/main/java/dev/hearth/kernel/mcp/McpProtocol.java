package dev.hearth.kernel.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.kernel.cell.DiscardingCellContext;
import dev.hearth.kernel.json.Json;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server side of MCP that Hearth serves, whatever carries it (stdio, HTTP): {@code initialize},
 * {@code ping}, {@code tools/list}, {@code tools/call}, {@code resources/list},
 * {@code resources/read}, and the client's {@code notifications/cancelled}, which interrupts the
 * call it names.
 */
public final class McpProtocol {

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

    private static final System.Logger LOG = System.getLogger(McpProtocol.class.getName());

    private final HearthMcpService service;
    private final String version;
    private final Map<String, DiscardingCellContext> running = new ConcurrentHashMap<>();

    /** Answers with {@code service}; {@code version} is Hearth's, for {@code serverInfo}. */
    public McpProtocol(HearthMcpService service, String version) {
        this.service = service;
        this.version = version;
    }

    /** One message as text: its answer (a parse error, too), or empty for a notification or a response. */
    Optional<ObjectNode> handle(String text) {
        JsonNode message;
        try {
            message = Json.mapper().readTree(text);
        } catch (IOException e) {
            return Optional.of(error(null, -32700, "parse error: " + e.getMessage()));
        }
        return handle(message);
    }

    /** Whether {@code message} is a request (it needs an answer, possibly after a long call). */
    static boolean isRequest(JsonNode message) {
        return message.isObject() && message.hasNonNull("method") && message.has("id");
    }

    /** One parsed message: its answer, or empty for a notification or a response. Blocks while a tool runs. */
    Optional<ObjectNode> handle(JsonNode message) {
        if (!message.isObject() || !message.hasNonNull("method")) {
            boolean junkWithId = message.has("id") && !message.has("result") && !message.has("error");
            return junkWithId ? Optional.of(error(message.get("id"), -32600, "invalid request: no method")) : Optional.empty();
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
            return Optional.empty();
        }
        JsonNode id = message.get("id");
        DiscardingCellContext call = new DiscardingCellContext();
        running.put(id.toString(), call);
        try {
            ObjectNode response = Json.mapper().createObjectNode().put("jsonrpc", "2.0");
            response.set("id", id);
            response.set("result", dispatch(method, params, call));
            return Optional.of(response);
        } catch (RpcError e) {
            return Optional.of(error(id, e.code, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, method + " failed", e);
            return Optional.of(error(id, -32603, "internal error: " + e.getMessage()));
        } finally {
            running.remove(id.toString(), call);
        }
    }

    /** Interrupts every call in progress (the client went away). */
    void cancelAll() {
        running.values().forEach(DiscardingCellContext::cancel);
    }

    private JsonNode dispatch(String method, JsonNode params, DiscardingCellContext call) throws RpcError {
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

    static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode response = Json.mapper().createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.putObject("error").put("code", code).put("message", message);
        return response;
    }
}
