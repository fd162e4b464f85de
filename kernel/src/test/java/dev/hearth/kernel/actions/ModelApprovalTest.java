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
        assertEquals(List.of("""
                A model asks to run files.write:
                  create the new file a.md with 17 bytes, 2 lines
                  | line one
                  | line two
                Allow it? [y/N]\s"""), cell.prompts);
        assertTrue(Files.exists(root.resolve("a.md")));
    }

    @Test
    void controlCharactersFromTheModelAreShownEscaped() {
        RecordingCell cell = new RecordingCell();
        cell.answers = new ArrayDeque<>(List.of("n"));
        String content = "harmless note\rrm -rf ~ \u001b[2K\u001b[1Ahidden\u202egnp.exe\u200b\u0007\u0008 end";
        assertThrows(ActionException.class, () -> registry.runForModel("files_write",
                Map.of("path", "x\u001b[8m.md", "content", content), cell, Set.of()));
        String prompt = cell.prompts.get(0);
        assertTrue(prompt.contains("create the new file x\\u001b[8m.md with"), prompt);
        assertTrue(prompt.contains("| harmless note\\rrm -rf ~ \\u001b[2K\\u001b[1Ahidden\\u202egnp.exe\\u200b\\u0007\\u0008 end"),
                prompt);
        assertTrue(prompt.chars().noneMatch(c -> c != '\n' && (Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT)), "no raw control or format character: " + prompt);
        assertFalse(Files.exists(root.resolve("x\u001b[8m.md")));
    }

    @Test
    void theGenericPromptCutsLongValuesAndSaysHowLong() {
        String prompt = ApprovalPrompt.of("mail.send", dev.hearth.api.ActionSpec.builder("mail.send")
                .description("Sends a mail.").required("body", dev.hearth.api.ParamType.STRING, "text").build()
                .validate(Map.of("body", "x".repeat(500) + "\r")), List.of());
        assertEquals("A model asks to run mail.send:\n  body = " + "x".repeat(200) + "... (501 characters in all)\n"
                + "Allow it? [y/N] ", prompt);
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
