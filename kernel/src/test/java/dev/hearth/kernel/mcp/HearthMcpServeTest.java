package dev.hearth.kernel.mcp;

import dev.hearth.kernel.Wiring;
import dev.hearth.kernel.actions.PluginJars;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.memory.Memory;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.McpResource;
import dev.langchain4j.mcp.client.McpTextResourceContents;
import dev.langchain4j.mcp.client.McpToolMetadataKeys;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hearth mcp} as a real process, driven by langchain4j's MCP client over stdio: the memory
 * (with the fixture notes ingested) and the bundled actions, with the side-effect rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HearthMcpServeTest {

    @TempDir
    static Path dir;
    private Path notes;
    private McpClient client;

    @BeforeAll
    void start() throws Exception {
        Path home = dir.resolve("home");
        Path bundled = dir.resolve("bundled");
        PluginJars.install("files", bundled);
        notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("todo.md"), "- water the tulips\n");
        Map<String, String> env = Map.of("HEARTH_HOME", home.toString(), "HEARTH_PLUGINS_BUNDLED", bundled.toString(),
                "HEARTH_FILES_ROOT", notes.toString());
        Path vault = Path.of(getClass().getResource("/memory/vault").toURI());
        try (Wiring wiring = Wiring.create(HearthConfig.load(env, dir), new CellScope())) {
            wiring.service(Memory.class).ingest(vault.toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        client = new DefaultMcpClient.Builder()
                .transport(StdioMcpTransport.builder()
                        .command(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                                System.getProperty("java.class.path"), "dev.hearth.kernel.Main", "mcp"))
                        .environment(env).build())
                .initializationTimeout(Duration.ofSeconds(60))
                .toolExecutionTimeout(Duration.ofSeconds(60))
                .autoHealthCheck(false)
                .build();
    }

    @AfterAll
    void stop() throws Exception {
        client.close();
    }

    private String call(String tool, String arguments) {
        return client.executeTool(ToolExecutionRequest.builder().name(tool).arguments(arguments).build()).resultText();
    }

    @Test
    void memoryAndActionsAreTools() {
        Map<String, ToolSpecification> tools = client.listTools().stream()
                .collect(Collectors.toMap(ToolSpecification::name, Function.identity()));
        assertTrue(tools.keySet().containsAll(List.of("recall", "remember", "files_read", "files_write")), tools.keySet().toString());
        assertEquals(Boolean.TRUE, tools.get("files_read").metadata().get(McpToolMetadataKeys.READ_ONLY_HINT));
        assertEquals(Boolean.FALSE, tools.get("files_write").metadata().get(McpToolMetadataKeys.READ_ONLY_HINT));
        assertTrue(tools.get("recall").parameters().required().contains("query"));
    }

    @Test
    void recallReturnsTheIngestedNotes() {
        String found = call("recall", "{\"query\": \"sourdough starter hydration\", \"k\": 3}");
        // one row per note (its best chunk): the note and its heading path, whichever chunk wins
        assertTrue(found.contains("Baking.md") && found.contains("Sourdough"), found);
    }

    @Test
    void rememberedNotesCanBeRecalled() {
        assertTrue(call("remember", "{\"text\": \"The spare key is under the blue flowerpot.\"}").startsWith("Remembered as "));
        assertTrue(call("recall", "{\"query\": \"where is the spare key\"}").contains("blue flowerpot"));
    }

    @Test
    void readOnlyActionsRunAndSideEffectsAreRefused() {
        assertEquals("- water the tulips\n", call("files_read", "{\"path\": \"todo.md\"}"));
        String refused;
        try {
            refused = call("files_write", "{\"path\": \"evil.md\", \"content\": \"x\"}");
        } catch (RuntimeException e) {
            refused = e.getMessage();
        }
        assertTrue(refused.contains("files.write was refused") && refused.contains("--allow files.write"), refused);
        assertFalse(Files.exists(notes.resolve("evil.md")));
    }

    @Test
    void collectionsAreResources() {
        List<McpResource> resources = client.listResources();
        McpResource notesCollection = resources.stream().filter(r -> r.uri().equals("hearth://memory/notes")).findFirst()
                .orElseThrow(() -> new AssertionError(resources.toString()));
        assertTrue(notesCollection.description().contains("passages"));
        String text = ((McpTextResourceContents) client.readResource("hearth://memory/notes").contents().get(0)).text();
        assertTrue(text.startsWith("# Memory collection notes"), text);
    }
}
