package dev.hearth.kernel.actions;

import dev.hearth.api.ActionException;
import dev.hearth.api.Cancellation;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.mcp.McpConfigFile;
import dev.hearth.kernel.mcp.McpServerConfig;
import dev.hearth.kernel.mcp.McpServers;
import dev.hearth.kernel.mcp.McpTestServers;
import dev.hearth.kernel.mcp.McpTimeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model's calls of MCP tools: only tools the server marks read-only run without the user's approval. */
class McpApprovalTest {

    @TempDir
    Path dir;
    private McpServers servers;
    private ActionRegistry registry;
    private Path root;

    @BeforeEach
    void load() throws Exception {
        root = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(root.resolve("todo.md"), "- water the tulips\n");
        HearthConfig config = HearthConfig.load(Map.of("HEARTH_HOME", dir.resolve("home").toString(),
                "HEARTH_PLUGINS_BUNDLED", Files.createDirectories(dir.resolve("none")).toString()), dir);
        servers = new McpServers(new McpConfigFile(dir.resolve("mcp.json")),
                new McpTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30)), Cancellation::none);
        servers.add(McpServerConfig.process("fs", McpTestServers.filesystem(root), Map.of()));
        registry = ActionRegistry.create(config, "0.1.0", new dev.hearth.kernel.cell.CellScope(), List.of(servers));
    }

    @AfterEach
    void close() {
        registry.close();
        servers.close();
    }

    @Test
    void theRegistryListsAndFindsTheToolsAsActions() {
        List<String> names = registry.list().stream().map(s -> s.name()).toList();
        assertTrue(names.containsAll(List.of("fs.read_text_file", "fs.write_file", "fs.list_directory")), names.toString());
        assertEquals("fs.write_file", registry.findByToolName("fs_write_file").orElseThrow().spec().name());
        assertTrue(registry.run("fs.read_text_file", Map.of("path", root.resolve("todo.md").toString()), null,
                dev.hearth.api.Origin.USER).text().contains("tulips"));
    }

    @Test
    void modelsAreOfferedTheToolsWithTheirSchemaAndCallThem() {
        dev.hearth.kernel.ai.ActionTools tools = new dev.hearth.kernel.ai.ActionTools(registry);
        dev.langchain4j.agent.tool.ToolSpecification write = tools.specifications(List.of("fs.write_file")).get(0);
        assertEquals("fs_write_file", write.name());
        assertEquals(List.of("path", "content"), write.parameters().required());
        String read = tools.run(dev.langchain4j.agent.tool.ToolExecutionRequest.builder().id("1").name("fs_read_text_file")
                .arguments("{\"path\": \"" + root.resolve("todo.md") + "\"}").build(), Set.of("fs_read_text_file"), null, Set.of());
        assertTrue(read.contains("- water the tulips"), read);
    }

    @Test
    void aReadOnlyToolRunsWithoutAsking() {
        RecordingCell cell = new RecordingCell();
        cell.answers = new ArrayDeque<>();
        String text = registry.runForModel("fs_read_text_file", Map.of("path", root.resolve("todo.md").toString()), cell, Set.of()).text();
        assertEquals("- water the tulips\n", text);
        assertEquals(List.of(), cell.prompts);
    }

    @Test
    void aWritingToolNeedsApproval() {
        Path target = root.resolve("a.md");
        RecordingCell declining = new RecordingCell();
        declining.answers = new ArrayDeque<>(List.of("n"));
        ActionException declined = assertThrows(ActionException.class, () -> registry.runForModel("fs_write_file",
                Map.of("path", target.toString(), "content", "from the model"), declining, Set.of()));
        assertEquals("fs.write_file was not run: you declined it", declined.getMessage());
        assertFalse(Files.exists(target));

        RecordingCell headless = new RecordingCell();
        ActionException refused = assertThrows(ActionException.class, () -> registry.runForModel("fs_write_file",
                Map.of("path", target.toString(), "content", "from the model"), headless, Set.of()));
        assertTrue(refused.getMessage().endsWith("--allow fs.write_file"), refused.getMessage());
        assertFalse(Files.exists(target));

        RecordingCell approving = new RecordingCell();
        approving.answers = new ArrayDeque<>(List.of("y"));
        registry.runForModel("fs_write_file", Map.of("path", target.toString(), "content", "from the model"), approving, Set.of());
        assertTrue(approving.prompts.get(0).startsWith("A model asks to run fs.write_file:\n  path = " + target), approving.prompts.toString());
        assertTrue(Files.exists(target));
    }
}
