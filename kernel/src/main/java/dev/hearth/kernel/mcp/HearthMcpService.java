package dev.hearth.kernel.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionSpec;
import dev.hearth.kernel.actions.ActionRegistry;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.json.Json;
import dev.hearth.kernel.memory.CollectionInfo;
import dev.hearth.kernel.memory.Memory;
import dev.hearth.kernel.memory.Recalled;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code hearth mcp} serves: the memory as the tools {@code recall} and {@code remember} and
 * its collections as resources {@code hearth://memory/NAME}; every action as a tool named like a
 * model sees it ({@code files_read}), annotated read-only unless it has side effects. Actions run
 * as a model's calls do ({@link ActionRegistry#runForModel}): public network only, and an action
 * with side effects only when the user allowed it when starting the server ({@code --allow NAME}),
 * since an MCP client cannot be asked.
 */
public final class HearthMcpService {

    private static final String COLLECTION_URI = "hearth://memory/";

    private final Memory memory;
    private final ActionRegistry actions;
    private final Set<String> allowed;

    /** Serves {@code memory} and {@code actions}; {@code allowed} actions with side effects run without asking. */
    public HearthMcpService(Memory memory, ActionRegistry actions, Set<String> allowed) {
        this.memory = memory;
        this.actions = actions;
        this.allowed = Set.copyOf(allowed);
    }

    ArrayNode tools() {
        ArrayNode tools = Json.mapper().createArrayNode();
        tools.add(tool("recall", "Search the user's private notes (Hearth memory) and return the closest passages "
                + "with their source file and heading.", true, schema(
                Map.of("query", prop("string", "what to look for, in words"),
                        "k", prop("integer", "how many passages (default 5)"),
                        "collection", prop("string", "the collection to search (default: the default collection)")),
                List.of("query"))));
        tools.add(tool("remember", "Store a short note in the user's Hearth memory so it can be recalled later.", false,
                schema(Map.of("text", prop("string", "the note"),
                        "collection", prop("string", "the collection (default: the default collection)")), List.of("text"))));
        for (ActionSpec spec : actions.list()) {
            tools.add(tool(spec.toolName(), spec.description() + (spec.sideEffects() && !allowed.contains(spec.name())
                    ? "\n(Has side effects: runs only if the user starts hearth mcp with --allow " + spec.name() + ".)" : ""),
                    !spec.sideEffects(), Json.mapper().valueToTree(spec.jsonSchema())));
        }
        return tools;
    }

    ObjectNode call(String name, JsonNode arguments, CellContext call) throws McpProtocol.RpcError {
        Map<String, Object> input = arguments.isObject() ? Json.mapper().convertValue(arguments, Map.class) : Map.of();
        try {
            return switch (name) {
                case "recall" -> text(recall(input), false);
                case "remember" -> text("Remembered as " + memory.remember(string(input, "text"),
                        (String) input.get("collection"), List.of()), false);
                default -> {
                    if (actions.find(name).or(() -> actions.findByToolName(name)).isEmpty()) {
                        throw new McpProtocol.RpcError(-32602, "unknown tool: " + name);
                    }
                    // the text, as a model in a notebook gets it
                    yield text(actions.runForModel(name, input, call, allowed).text(), false);
                }
            };
        } catch (ActionException | IllegalArgumentException e) {
            return text(e.getMessage(), true);
        }
    }

    private String recall(Map<String, Object> input) {
        int k = input.get("k") instanceof Number n ? n.intValue() : 5;
        List<Recalled> found = memory.recall(new Memory.RecallRequest(string(input, "query"), k,
                (String) input.get("collection"), Map.of(), null));
        if (found.isEmpty()) {
            return "Nothing found in memory.";
        }
        StringBuilder out = new StringBuilder();
        for (Recalled r : found) {
            out.append('[').append(r.rank()).append("] ").append(r.location()).append('\n').append(r.text().strip()).append("\n\n");
        }
        return out.toString().strip();
    }

    ArrayNode resources() {
        ArrayNode resources = Json.mapper().createArrayNode();
        for (CollectionInfo c : memory.list()) {
            resources.addObject().put("uri", COLLECTION_URI + c.name()).put("name", c.name())
                    .put("description", "Hearth memory collection: " + c.chunks() + " passages from " + c.sources() + " files")
                    .put("mimeType", "text/markdown");
        }
        return resources;
    }

    ObjectNode read(String uri) throws McpProtocol.RpcError {
        if (!uri.startsWith(COLLECTION_URI)) {
            throw new McpProtocol.RpcError(-32002, "resource not found: " + uri);
        }
        String name = uri.substring(COLLECTION_URI.length());
        CollectionInfo info = memory.list().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new McpProtocol.RpcError(-32002, "resource not found: " + uri));
        String text = "# Memory collection " + info.name() + "\n\n" + info.chunks() + " passages from " + info.sources()
                + " files, " + info.backend() + " store, embedding model " + info.model() + ".\n\n"
                + "Search it with the recall tool (collection=" + info.name() + ").\n";
        ObjectNode result = Json.mapper().createObjectNode();
        result.putArray("contents").addObject().put("uri", uri).put("mimeType", "text/markdown").put("text", text);
        return result;
    }

    private static String string(Map<String, Object> input, String key) {
        Object value = input.get(key);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("missing required argument '" + key + "'");
        }
        return s;
    }

    private static ObjectNode text(String text, boolean error) {
        ObjectNode result = Json.mapper().createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        result.put("isError", error);
        return result;
    }

    private static ObjectNode tool(String name, String description, boolean readOnly, JsonNode schema) {
        ObjectNode tool = Json.mapper().createObjectNode().put("name", name).put("description", description);
        tool.set("inputSchema", schema);
        tool.putObject("annotations").put("readOnlyHint", readOnly);
        return tool;
    }

    private static JsonNode schema(Map<String, Map<String, Object>> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", new LinkedHashMap<>(properties));
        schema.put("required", new ArrayList<>(required));
        return Json.mapper().valueToTree(schema);
    }

    private static Map<String, Object> prop(String type, String description) {
        return Map.of("type", type, "description", description);
    }
}
