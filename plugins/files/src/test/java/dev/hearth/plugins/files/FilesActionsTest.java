package dev.hearth.plugins.files;

import dev.hearth.api.Action;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilesActionsTest {

    @TempDir
    Path base;
    FilesFixture fx;

    @BeforeEach
    void setUp() {
        fx = new FilesFixture(base);
    }

    private ActionResult run(Action action, Map<String, Object> input) throws Exception {
        return action.invoke(action.spec().validate(input), fx.context());
    }

    @Test
    void listShowsEntriesWithKinds() throws Exception {
        String text = run(new FilesListAction(), Map.of()).text();
        assertTrue(text.contains("notes  dir"), text);
        assertTrue(text.contains("todo.md  46 bytes"), text);
        assertTrue(text.contains("escape  link"), text);
        assertTrue(run(new FilesListAction(), Map.of("path", "notes")).text().contains("notes/garden.txt"));
    }

    @Test
    void readGivesTheTextAndCutsLongFiles() throws Exception {
        assertEquals("# Todo\n- buy milk\n- call Ada about the garden\n", run(new FilesReadAction(), Map.of("path", "todo.md")).text());
        ActionResult cut = run(new FilesReadAction(), Map.of("path", "todo.md", "max_chars", 6));
        assertEquals("# Todo\n... (cut at 6 characters)", cut.text());
        assertEquals("# Todo\n- buy milk\n- call Ada about the garden\n",
                run(new FilesReadAction(), Map.of("path", "todo-link.md")).text(), "a link inside the root is fine");
        ActionException binary = assertThrows(ActionException.class, () -> run(new FilesReadAction(), Map.of("path", "notes/photo.bin")));
        assertTrue(binary.getMessage().contains("not UTF-8"), binary.getMessage());
    }

    @Test
    void everyWayOutOfTheRootIsRefused() {
        for (String path : List.of("../outside/secret.txt", "notes/../../outside/secret.txt", "/etc/passwd",
                fx.outside.resolve("secret.txt").toString(), "escape/secret.txt", "secret-link.txt",
                "../root-sibling/secret.txt", "todo.md\0.txt", "dangling.txt")) {
            ActionException e = assertThrows(ActionException.class, () -> run(new FilesReadAction(), Map.of("path", path)), path);
            assertTrue(e.getMessage().startsWith("refused path"), path + ": " + e.getMessage());
        }
        assertThrows(ActionException.class, () -> run(new FilesListAction(), Map.of("path", "escape")));
    }

    @Test
    void searchFindsLinesByGlobAndSkipsLinksAndBinaries() throws Exception {
        ActionResult all = run(new FilesSearchAction(), Map.of("query", "GARDEN"));
        assertTrue(all.text().contains("todo.md:3: - call Ada about the garden"), all.text());
        assertTrue(all.text().contains("notes/garden.txt:2: The Garden needs water."), all.text());
        assertFalse(all.text().contains("todo-link.md"), all.text());
        String onlyTxt = run(new FilesSearchAction(), Map.of("query", "garden", "glob", "**/*.txt")).text();
        assertFalse(onlyTxt.contains("todo.md"), onlyTxt);
        assertFalse(run(new FilesSearchAction(), Map.of("query", "secret")).text().contains("password"));
    }

    @Test
    void writeIsAtomicRefusesToClobberAndStaysInside() throws Exception {
        ActionResult wrote = run(new FilesWriteAction(), Map.of("path", "new/dir/note.md", "content", "hi"));
        assertEquals("wrote new/dir/note.md (2 bytes)", wrote.text());
        assertEquals("hi", Files.readString(fx.root.resolve("new/dir/note.md")));
        ActionException exists = assertThrows(ActionException.class,
                () -> run(new FilesWriteAction(), Map.of("path", "todo.md", "content", "x")));
        assertTrue(exists.getMessage().contains("overwrite=true"), exists.getMessage());
        run(new FilesWriteAction(), Map.of("path", "todo.md", "content", "replaced", "overwrite", true));
        assertEquals("replaced", Files.readString(fx.root.resolve("todo.md")));
        for (String path : List.of("dangling.txt", "escape/new.txt", "../outside/new.txt")) {
            assertThrows(ActionException.class, () -> run(new FilesWriteAction(), Map.of("path", path, "content", "x")), path);
        }
        assertFalse(Files.exists(fx.outside.resolve("new.txt")));
        try (var left = Files.list(fx.root)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp file left behind");
        }
    }

    @Test
    void anAbsolutePathInsideTheRootIsAccepted() throws Exception {
        assertTrue(run(new FilesReadAction(), Map.of("path", fx.root.resolve("todo.md").toString())).text().startsWith("# Todo"));
        assertTrue(run(new FilesListAction(), Map.of("path", fx.root.resolve("notes").toString())).text()
                .contains("notes/garden.txt"));
        run(new FilesWriteAction(), Map.of("path", fx.root.resolve("abs.md").toString(), "content", "absolute"));
        assertEquals("absolute", Files.readString(fx.root.resolve("abs.md")));
        ActionException outside = assertThrows(ActionException.class,
                () -> run(new FilesReadAction(), Map.of("path", fx.root.resolve("../outside/secret.txt").toString())));
        assertTrue(outside.getMessage().contains("outside files.root"), outside.getMessage());
    }

    @Test
    void longNamesWorkAndAnOverwriteKeepsThePermissions() throws Exception {
        String name = "a".repeat(245) + ".md";
        run(new FilesWriteAction(), Map.of("path", name, "content", "long name"));
        assertEquals("long name", run(new FilesReadAction(), Map.of("path", name)).text());
        Path todo = fx.root.resolve("todo.md");
        Files.setPosixFilePermissions(todo, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        run(new FilesWriteAction(), Map.of("path", "todo.md", "content", "replaced", "overwrite", true));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(todo)));
    }

    @Test
    void maxCharsOutOfRangeIsAClearError() {
        for (long bad : new long[] {-1, 0, 1L << 40}) {
            ActionException e = assertThrows(ActionException.class,
                    () -> run(new FilesReadAction(), Map.of("path", "todo.md", "max_chars", bad)));
            assertEquals("files.read: max_chars must be between 1 and 10000000, not " + bad, e.getMessage());
        }
        ActionException entries = assertThrows(ActionException.class, () -> run(new FilesListAction(), Map.of("max_entries", -2)));
        assertEquals("files.list: max_entries must be between 1 and 100000, not -2", entries.getMessage());
        ActionException results = assertThrows(ActionException.class,
                () -> run(new FilesSearchAction(), Map.of("query", "x", "max_results", 0)));
        assertEquals("files.search: max_results must be between 1 and 10000, not 0", results.getMessage());
    }

    @Test
    void theWritePreviewTellsWhatWillHappen() {
        FilesWriteAction write = new FilesWriteAction();
        assertEquals(List.of("create the new file new.md with 22 bytes, 2 lines", "| first line", "| second line"),
                write.preview(write.spec().validate(Map.of("path", "new.md", "content", "first line\nsecond line")), fx.context()));
        List<String> replace = write.preview(write.spec().validate(Map.of("path", "todo.md", "content", "1\n2\n3\n4\n5\n6\n7",
                "overwrite", true)), fx.context());
        assertEquals("REPLACE the existing file todo.md (now 46 bytes) with 13 bytes, 7 lines", replace.get(0));
        assertEquals(List.of("| 1", "| 2", "| 3", "| 4", "| 5", "| ... (2 more lines)"), replace.subList(1, replace.size()));
        ActionException exists = assertThrows(ActionException.class, () -> write.preview(
                write.spec().validate(Map.of("path", "todo.md", "content", "x")), fx.context()));
        assertTrue(exists.getMessage().contains("overwrite=true"), "a call that cannot work is refused before asking");
    }

    @Test
    void missingRootSettingNamesTheSetting() {
        FilesReadAction read = new FilesReadAction();
        ActionException e = assertThrows(ActionException.class, () -> read.invoke(read.spec().validate(Map.of("path", "a")),
                dev.hearth.api.ActionContext.builder().build()));
        assertTrue(e.getMessage().startsWith("files.root is not set"), e.getMessage());
    }
}
