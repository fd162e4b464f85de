package dev.hearth.kernel.mcp;

import dev.hearth.kernel.actions.ActionRegistry;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.memory.Memory;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hearth mcp --http}: streamable HTTP on loopback, for clients with the token only. */
class McpHttpServerTest {

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @TempDir
    Path dir;
    private Memory memory;
    private ActionRegistry registry;
    private McpHttpServer server;

    @BeforeEach
    void start() throws Exception {
        HearthConfig config = HearthConfig.load(Map.of("HEARTH_HOME", dir.resolve("home").toString(),
                "HEARTH_PLUGINS_BUNDLED", Files.createDirectories(dir.resolve("none")).toString()), dir);
        memory = Memory.builder(dir.resolve("home")).build();
        registry = ActionRegistry.create(config, "0.1.0");
        server = new McpHttpServer(new McpProtocol(new HearthMcpService(memory, registry, Set.of()), "test"), 0, "s3cret-token");
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
        memory.close();
    }

    @Test
    void langchain4jsClientUsesTheMemoryOverHttp() throws Exception {
        try (McpClient client = new DefaultMcpClient.Builder()
                .transport(StreamableHttpMcpTransport.builder().url(server.uri().toString())
                        .customHeaders(Map.of("Authorization", "Bearer s3cret-token")).timeout(Duration.ofSeconds(60)).build())
                .autoHealthCheck(false).toolExecutionTimeout(Duration.ofSeconds(60)).build()) {
            List<String> tools = client.listTools().stream().map(ToolSpecification::name).toList();
            assertEquals(List.of("recall", "remember"), tools);
            client.executeTool(ToolExecutionRequest.builder().name("remember")
                    .arguments("{\"text\": \"The boiler was serviced in March.\"}").build());
            String found = client.executeTool(ToolExecutionRequest.builder().name("recall")
                    .arguments("{\"query\": \"when was the boiler serviced\"}").build()).resultText();
            assertTrue(found.contains("serviced in March"), found);
        }
    }

    @Test
    void withoutTheTokenOrFromAnotherOriginItIsRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder post = HttpRequest.newBuilder(server.uri()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(INIT));
        assertEquals(401, http.send(post.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(401, http.send(post.copy().header("Authorization", "Bearer wrong").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(403, http.send(post.copy().header("Authorization", "Bearer s3cret-token")
                .header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> ok = http.send(post.copy().header("Authorization", "Bearer s3cret-token")
                .header("Origin", "http://localhost:3000").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("\"serverInfo\""), ok.body());
        assertEquals("127.0.0.1", URI.create(server.uri().toString()).getHost());
    }
}
