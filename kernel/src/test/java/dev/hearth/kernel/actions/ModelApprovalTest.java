package dev.hearth.kernel.actions;

import dev.hearth.api.ActionException;
import dev.hearth.kernel.config.HearthConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model's calls of actions with side effects need the user's approval (the bundled files plugin). */
class ModelApprovalTest {

    @TempDir
    Path dir;
    private ActionRegistry registry;
    private Path root;

    @BeforeEach
    void load() throws Exception {
        Path bundled = dir.resolve("bundled");
        PluginJars.install("files", bundled);
        root = Files.createDirectories(dir.resolve("notes"));
        HearthConfig config = HearthConfig.load(Map.of("HEARTH_HOME", dir.resolve("home").toString(),
                "HEARTH_PLUGINS_BUNDLED", bundled.toString(), "HEARTH_FILES_ROOT", root.toString()), dir);
        registry = ActionRegistry.create(config, "0.1.0");
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void theUserIsAskedAndYesRunsIt() {
        RecordingCell cell = new RecordingCell();
        cell.answers = new ArrayDeque<>(List.of("y"));
        registry.runForModel("files_write", Map.of("path", "a.md", "content", "line one\nline two"), cell, Set.of());
        assertEquals(List.of("Allow files.write path=a.md content=line one\\nline two overwrite=false? [y/N] "), cell.prompts);
        assertTrue(Files.exists(root.resolve("a.md")));
    }

    @Test
    void anythingButYesDeclines() {
        RecordingCell cell = new RecordingCell();
        cell.answers = new ArrayDeque<>(List.of(""));
        ActionException e = assertThrows(ActionException.class,
                () -> registry.runForModel("files.write", Map.of("path", "b.md", "content", "x"), cell, Set.of()));
        assertEquals("files.write was not run: you declined it", e.getMessage());
        assertFalse(Files.exists(root.resolve("b.md")));
    }

    @Test
    void withoutStdinItIsRefusedUnlessAllowed() {
        RecordingCell headless = new RecordingCell();
        ActionException e = assertThrows(ActionException.class,
                () -> registry.runForModel("files.write", Map.of("path", "c.md", "content", "x"), headless, Set.of()));
        assertTrue(e.getMessage().endsWith("allow it for the cell with --allow files.write"), e.getMessage());
        assertFalse(Files.exists(root.resolve("c.md")));
        registry.runForModel("files.write", Map.of("path", "c.md", "content", "x"), headless, Set.of("files.write"));
        assertTrue(Files.exists(root.resolve("c.md")));
    }

    @Test
    void actionsWithoutSideEffectsAreNotAsked() {
        RecordingCell cell = new RecordingCell();
        cell.answers = new ArrayDeque<>();
        assertTrue(registry.runForModel("files_list", Map.of(), cell, Set.of()).text().contains("(empty directory)"));
        assertEquals(List.of(), cell.prompts);
    }
}
