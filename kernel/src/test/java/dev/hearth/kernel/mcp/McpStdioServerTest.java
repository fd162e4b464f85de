package dev.hearth.kernel.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.api.Cancellation;
import dev.hearth.kernel.actions.ActionRegistry;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.json.Json;
import dev.hearth.kernel.memory.Memory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON-RPC side of {@code hearth mcp} on raw lines: the handshake, errors for bad messages, no
 * answer to notifications, and a client's cancellation interrupting a slow call (an MCP tool of
 * server-everything, served onward through the actions registry).
 */
class McpStdioServerTest {

    @TempDir
    Path dir;
    private McpServers upstream;
    private ActionRegistry registry;
    private Memory memory;
    private Writer toServer;
    private final BlockingQueue<JsonNode> fromServer = new LinkedBlockingQueue<>();
    private Thread serving;

    @BeforeEach
    void start() throws Exception {
        HearthConfig config = HearthConfig.load(Map.of("HEARTH_HOME", dir.resolve("home").toString(),
                "HEARTH_PLUGINS_BUNDLED", Files.createDirectories(dir.resolve("none")).toString()), dir);
        upstream = new McpServers(new McpConfigFile(dir.resolve("mcp.json")),
                new McpTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(60)), Cancellation::none);
        upstream.add(McpServerConfig.process("ev", McpTestServers.everything(), Map.of()));
        registry = ActionRegistry.create(config, "0.1.0", new dev.hearth.kernel.cell.CellScope(), List.of(upstream));
        memory = Memory.builder(dir.resolve("home")).build();
        PipedOutputStream clientOut = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        toServer = new OutputStreamWriter(clientOut, StandardCharsets.UTF_8);
        McpStdioServer server = new McpStdioServer(new McpProtocol(new HearthMcpService(memory, registry, Set.of()), "test"), serverOut);
        serving = new Thread(() -> {
            try {
                server.serve(serverIn);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        serving.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    fromServer.add(Json.mapper().readTree(line));
                }
            } catch (Exception e) {
                // the server closed its side
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    @AfterEach
    void stop() throws Exception {
        toServer.close();
        serving.join(10_000);
        registry.close();
        upstream.close();
        memory.close();
    }

    private void send(String json) throws Exception {
        toServer.write(json + "\n");
        toServer.flush();
    }

    private JsonNode next(long millis) throws InterruptedException {
        return fromServer.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Test
    void handshakeErrorsAndNotifications() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        JsonNode init = next(10_000);
        assertEquals("2025-06-18", init.at("/result/protocolVersion").asText());
        assertEquals("hearth", init.at("/result/serverInfo/name").asText());
        assertTrue(init.at("/result/capabilities").has("tools") && init.at("/result/capabilities").has("resources"));
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        send("not json at all");
        assertEquals(-32700, next(5000).at("/error/code").asInt());
        send("{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"prompts/list\"}");
        JsonNode unknown = next(5000);
        assertEquals("b", unknown.get("id").asText());
        assertEquals(-32601, unknown.at("/error/code").asInt());
        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\",\"arguments\":{}}}");
        assertEquals(-32602, next(5000).at("/error/code").asInt());
        assertNull(next(300), "notifications are never answered");
    }

    @Test
    void aCancelledCallEndsAtOnce() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"ev_trigger_long_running_operation\","
                + "\"arguments\":{\"duration\":30,\"steps\":3}}}");
        Thread.sleep(3000);
        assertNull(fromServer.peek(), "still running");
        long start = System.nanoTime();
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7,\"reason\":\"user\"}}");
        JsonNode answer = next(5000);
        assertNotNull(answer, "no answer after the cancellation");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 3000);
        assertEquals(7, answer.get("id").asInt());
        assertTrue(answer.at("/result/isError").asBoolean(), answer.toString());
        send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"ev_echo\",\"arguments\":{\"message\":\"hi\"}}}");
        JsonNode echo = next(10_000);
        assertTrue(echo.at("/result/content/0/text").asText().contains("hi"), echo.toString());
    }
}
