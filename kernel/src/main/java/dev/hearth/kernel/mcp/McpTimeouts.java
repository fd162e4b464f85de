package dev.hearth.kernel.mcp;

import java.time.Duration;

/**
 * How long Hearth waits for an MCP server.
 *
 * @param start the process start, handshake and tool list
 * @param call  one tool call
 */
public record McpTimeouts(Duration start, Duration call) {
}
