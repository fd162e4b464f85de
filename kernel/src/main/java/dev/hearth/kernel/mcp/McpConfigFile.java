package dev.hearth.kernel.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.api.AtomicFiles;
import dev.hearth.kernel.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mcp.json} in the Hearth home, in the shape other MCP clients use, so a user can paste
 * theirs: {@code {"mcpServers": {NAME: {"command", "args", "env"} | {"url", "headers"}}}}. Writes
 * keep every other key of the file and replace it atomically.
 */
public final class McpConfigFile {

    private static final String SERVERS = "mcpServers";

    private final Path file;

    /** The file at {@code file} (it need not exist). */
    public McpConfigFile(Path file) {
        this.file = file;
    }

    /** Where the file is. */
    public Path path() {
        return file;
    }

    /**
     * The servers, in file order.
     *
     * @throws IllegalArgumentException naming the file and the entry when it cannot be read
     */
    public List<McpServerConfig> read() {
        List<McpServerConfig> servers = new ArrayList<>();
        readTree().path(SERVERS).fields().forEachRemaining(entry -> servers.add(parse(entry.getKey(), entry.getValue())));
        return servers;
    }

    /** Adds {@code server}, replacing an entry of the same name. */
    public synchronized void put(McpServerConfig server) {
        ObjectNode root = readTree();
        ObjectNode entry = root.withObject("/" + SERVERS).putObject(server.name());
        if (server.isProcess()) {
            entry.put("command", server.command().get(0));
            server.command().subList(1, server.command().size()).forEach(entry.putArray("args")::add);
            if (!server.env().isEmpty()) {
                ObjectNode env = entry.putObject("env");
                server.env().forEach(env::put);
            }
        } else {
            entry.put("url", server.url());
            if (!server.headers().isEmpty()) {
                ObjectNode headers = entry.putObject("headers");
                server.headers().forEach(headers::put);
            }
        }
        write(root);
    }

    /** Removes the server {@code name}; false when there was none. */
    public synchronized boolean remove(String name) {
        ObjectNode root = readTree();
        JsonNode servers = root.get(SERVERS);
        if (!(servers instanceof ObjectNode object) || object.remove(name) == null) {
            return false;
        }
        write(root);
        return true;
    }

    private ObjectNode readTree() {
        if (!Files.exists(file)) {
            return Json.mapper().createObjectNode();
        }
        try {
            JsonNode root = Json.mapper().readTree(file.toFile());
            if (root == null || root.isMissingNode() || root.isNull()) {
                return Json.mapper().createObjectNode();
            }
            if (!(root instanceof ObjectNode object) || (root.has(SERVERS) && !root.get(SERVERS).isObject())) {
                throw new IllegalArgumentException(file + " must hold {\"mcpServers\": {NAME: {...}}}");
            }
            return object;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage()
                    + "; fix it or remove it");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage()
                    + "; fix it or remove it");
        }
    }

    private void write(ObjectNode root) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private McpServerConfig parse(String name, JsonNode entry) {
        try {
            if (entry.hasNonNull("url")) {
                return McpServerConfig.http(name, entry.get("url").asText(), strings(entry.get("headers")));
            }
            if (!entry.hasNonNull("command")) {
                throw new IllegalArgumentException("MCP server '" + name + "' needs either \"command\" or \"url\"");
            }
            List<String> command = new ArrayList<>();
            command.add(entry.get("command").asText());
            entry.path("args").forEach(arg -> command.add(arg.asText()));
            return McpServerConfig.process(name, command, strings(entry.get("env")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        if (object != null) {
            object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        }
        return values;
    }
}
