package dev.hearth.kernel.mcp;

import dev.hearth.api.Cancellation;
import dev.hearth.kernel.actions.ActionSource;
import dev.hearth.kernel.cell.CellCancellation;
import dev.hearth.kernel.config.ConfigKey;
import dev.hearth.kernel.room.Room;
import dev.hearth.kernel.room.RoomContext;

import java.time.Duration;

/**
 * The MCP room: the servers of {@code HEARTH_HOME/mcp.json} (or {@code mcp.file}), offered to the
 * actions room as an {@link ActionSource} so every tool is an action {@code NAME.tool}; the
 * {@code %mcp} magic and its Java twin {@code mcp}. Install it before the actions room.
 */
public final class McpRoom implements Room {

    /** Where the server list is. */
    public static final ConfigKey FILE = ConfigKey.of("mcp.file",
            "the MCP servers file, {\"mcpServers\": {...}} (default HEARTH_HOME/mcp.json)", null);
    /** Start time limit. */
    public static final ConfigKey START_TIMEOUT = ConfigKey.of("mcp.timeout.start",
            "seconds an MCP server may take to start and list its tools", "30");
    /** Call time limit. */
    public static final ConfigKey CALL_TIMEOUT = ConfigKey.of("mcp.timeout.call",
            "seconds one MCP tool call may take before the server is stopped", "120");

    @Override
    public void install(RoomContext room) {
        room.declare(FILE, START_TIMEOUT, CALL_TIMEOUT);
        McpServers servers = new McpServers(
                new McpConfigFile(room.config().get(FILE.name()).map(java.nio.file.Path::of)
                        .orElse(room.config().home().resolve("mcp.json"))),
                new McpTimeouts(Duration.ofSeconds(room.config().longValue(START_TIMEOUT)),
                        Duration.ofSeconds(room.config().longValue(CALL_TIMEOUT))),
                () -> room.cells().active().<Cancellation>map(CellCancellation::new).orElse(Cancellation.none()));
        room.magic(new McpMagic(servers))
                .bind("mcp", McpServers.class, servers)
                .offer(ActionSource.class, servers)
                .closeAtShutdown(servers);
    }
}
