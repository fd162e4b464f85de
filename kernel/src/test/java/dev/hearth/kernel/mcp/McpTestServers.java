package dev.hearth.kernel.mcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real MCP servers from npm that {@code test-support/mcp} installs ({@code npm ci}), as commands.
 */
public final class McpTestServers {

    private McpTestServers() {
    }

    /** {@code @modelcontextprotocol/server-everything} over stdio. */
    public static List<String> everything() {
        return List.of("node", script("server-everything").toString(), "stdio");
    }

    /** {@code @modelcontextprotocol/server-filesystem} allowed to use {@code root}. */
    public static List<String> filesystem(Path root) {
        return List.of("node", script("server-filesystem").toString(), root.toString());
    }

    private static Path script(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path support = dir.resolve("test-support/mcp");
            if (Files.isRegularFile(support.resolve("package.json"))) {
                Path script = support.resolve("node_modules/@modelcontextprotocol/" + name + "/dist/index.js");
                if (!Files.isRegularFile(script)) {
                    throw new IllegalStateException("MCP test servers are not installed: run `npm ci --prefix " + support + "`");
                }
                return script;
            }
        }
        throw new IllegalStateException("test-support/mcp/package.json not found above " + Path.of("").toAbsolutePath());
    }
}
