package dev.hearth.plugins.notes;

import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notes in a real folder: provenance front matter, and the user's edits never overwritten. */
class NotesWriteTest {

    @TempDir
    Path vault;

    private final NotesWriteAction action = new NotesWriteAction();

    private ActionResult write(Map<String, Object> input) {
        return action.invoke(action.spec().validate(input),
                ActionContext.builder().settings(ActionSettings.of(Map.of("vault", vault.toString()))).build());
    }

    private static Map<String, Object> reflection(String ifExists) {
        return Map.of("title", "Reflection: running", "content", "You ran more in the evenings [1].",
                "sources", "journal/2026-11-16.md, 2026-11-18", "model", "ollama:tinychat",
                "notebook", "journal-reflection.ipynb", "if_exists", ifExists);
    }

    @Test
    void writesProvenanceFrontMatterAndWikilinks() throws IOException {
        ActionResult result = write(reflection("new"));
        Path note = vault.resolve("Hearth/Reflection running.md");
        assertEquals(note.toString(), ((Map<?, ?>) result.data()).get("path"));
        String text = Files.readString(note);
        assertTrue(text.startsWith("---\ntitle: \"Reflection: running\"\ndate: " + LocalDate.now() + "\ngenerator: hearth\n"
                + "model: \"ollama:tinychat\"\nnotebook: \"journal-reflection.ipynb\"\n"
                + "sources: [\"[[2026-11-16]]\", \"[[2026-11-18]]\"]\nhearth_checksum: "), text);
        assertTrue(text.endsWith("---\n\nYou ran more in the evenings [1].\n\nSources: [[2026-11-16]] · [[2026-11-18]]\n"), text);
        assertTrue(NoteFile.untouched(text));
    }

    @Test
    void neverOverwritesANoteTheUserEdited() throws IOException {
        write(reflection("new"));
        Path note = vault.resolve("Hearth/Reflection running.md");
        Files.writeString(note, Files.readString(note).replace("evenings", "evenings, and it felt good"));
        ActionException refused = assertThrows(ActionException.class, () -> write(reflection("replace")));
        assertTrue(refused.getMessage().contains("was written or edited by you; it is never replaced"), refused.getMessage());
        assertTrue(Files.readString(note).contains("it felt good"), "the user's edit is still there");
        assertThrows(ActionException.class, () -> write(reflection("refuse")));
        write(reflection("new"));
        assertTrue(Files.exists(vault.resolve("Hearth/Reflection running 2.md")), "a new file instead");
        assertTrue(Files.readString(note).contains("it felt good"));
    }

    @Test
    void replacesOnlyAnUntouchedHearthNote() throws IOException {
        write(reflection("new"));
        write(reflection("replace"));
        assertFalse(Files.exists(vault.resolve("Hearth/Reflection running 2.md")), "replaced in place");
        Path own = Files.createDirectories(vault.resolve("Hearth")).resolve("Mine.md");
        Files.writeString(own, "# Mine\nmy own words\n");
        assertThrows(ActionException.class, () -> write(Map.of("title", "Mine", "content", "x", "if_exists", "replace")));
        assertEquals("# Mine\nmy own words\n", Files.readString(own));
    }

    @Test
    void badSettingsAndPathsAreClearErrors() {
        ActionException noVault = assertThrows(ActionException.class, () -> action.invoke(
                action.spec().validate(Map.of("title", "t", "content", "c")), ActionContext.builder().build()));
        assertTrue(noVault.getMessage().contains("%config notes.vault="), noVault.getMessage());
        ActionException escape = assertThrows(ActionException.class,
                () -> write(Map.of("title", "t", "content", "c", "folder", "../outside")));
        assertTrue(escape.getMessage().contains("inside the vault"), escape.getMessage());
        assertTrue(action.spec().sideEffects(), "a model's call waits for approval");
    }
}
