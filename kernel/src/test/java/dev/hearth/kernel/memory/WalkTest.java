package dev.hearth.kernel.memory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Walking real folders: symbolic links, loops, unreadable parts, empty globs and a note too big for one batch. */
class WalkTest {

    @TempDir
    Path tmp;
    Memory memory;

    @BeforeEach
    void open() {
        memory = Fixtures.memory(tmp.resolve("home"));
    }

    @AfterEach
    void close() {
        memory.close();
    }

    private static long count(IngestSummary s, String reason) {
        return s.skipped().stream().filter(k -> k.reason().contains(reason)).count();
    }

    @Test
    void symlinkedRootsAndFoldersAreFollowedAndLoopsAndDanglingLinksReportedOnce() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real/vault"));
        Files.writeString(real.resolve("Top.md"), "# Top\nThe spare key is under the blue pot.");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere/recipes"));
        Files.writeString(elsewhere.resolve("Bread.md"), "# Bread\n375 g water for 500 g flour.");
        Files.createSymbolicLink(real.resolve("recipes"), elsewhere);
        Files.createSymbolicLink(real.resolve("loop"), real);
        Files.createSymbolicLink(real.resolve("Gone.md"), tmp.resolve("nowhere.md"));
        Path root = Files.createSymbolicLink(tmp.resolve("vault-link"), real);

        IngestSummary s = memory.ingest(root.toString());
        assertEquals(2, s.added(), "both notes, one through a linked folder: " + s);
        assertEquals(1, count(s, "symbolic link loop"), s.toString());
        assertEquals(1, count(s, "dangling symbolic link"), s.toString());
        Recalled bread = memory.recall("how much water for bread").get(0);
        assertEquals("recipes/Bread.md", bread.path());
        assertEquals("recipes", bread.metadata().get("folder"));
        assertTrue(s.toString().contains("skipped " + root.resolve("loop")), s.toString());
    }

    @Test
    void anUnreadableFolderIsSkippedWithItsReasonAndTheRestIsIngested() throws Exception {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "running as root: permissions do not stop root from reading, so there is nothing to skip");
        Path vault = Files.createDirectories(tmp.resolve("vault"));
        Files.writeString(vault.resolve("Open.md"), "Readable note about the garden hose.");
        Path locked = Files.createDirectories(vault.resolve("locked"));
        Files.writeString(locked.resolve("Secret.md"), "Hidden");
        Path lockedFile = vault.resolve("Locked.md");
        Files.writeString(lockedFile, "No access");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(lockedFile, PosixFilePermissions.fromString("---------"));
        try {
            IngestSummary s = memory.ingest(vault.toString());
            assertEquals(1, s.added(), s.toString());
            assertEquals(2, count(s, "permission denied"), s.toString());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aGlobOrFolderMatchingNothingSaysSo() throws Exception {
        Path vault = Files.createDirectories(tmp.resolve("vault"));
        Files.writeString(vault.resolve("photo.jpg"), "not a note");
        IllegalArgumentException glob = assertThrows(IllegalArgumentException.class, () -> memory.ingest(vault + "/*.md"));
        assertTrue(glob.getMessage().contains("matches no file Hearth reads"), glob.getMessage());
        IllegalArgumentException folder = assertThrows(IllegalArgumentException.class, () -> memory.ingest(vault.toString()));
        assertTrue(folder.getMessage().contains("matches no file Hearth reads (.htm, .html, .ipynb, .markdown, .md, .org"),
                folder.getMessage());
    }

    @Test
    void aLargeNoteIsEmbeddedInBatchesWithProgressAndAnInterruptKeepsWhatWasCommitted() throws Exception {
        Path note = tmp.resolve("big/Log.md");
        Files.createDirectories(note.getParent());
        StringBuilder text = new StringBuilder("# Log\n");
        int paragraphs = 150;
        for (int i = 0; i < paragraphs; i++) {
            text.append("\nEntry ").append(i).append(": the meter read ").append(1000 + i * 7).append(" units today.\n");
        }
        Files.writeString(note, text);
        Memory.IngestOptions small = new Memory.IngestOptions(null, 60, 0);
        List<IngestProgress> progress = new ArrayList<>();
        IngestListener listener = new IngestListener() {
            @Override
            public void progress(IngestProgress p) {
                progress.add(p);
            }
        };
        IngestSummary first = memory.ingest(note.toString(), small, listener, () -> !progress.isEmpty());
        assertTrue(first.interrupted(), first.toString());
        assertEquals(Ingester.BATCH_CHUNKS, first.chunks(), "one batch was committed before the interrupt");
        assertEquals(Ingester.BATCH_CHUNKS, memory.stats(null).chunks());
        assertEquals(1, progress.get(0).filesTotal());
        assertTrue(memory.recall(new Memory.RecallRequest("Entry 3 meter", 5, null, Map.of(), RecallMode.TEXT).withChunks())
                .stream().anyMatch(r -> r.text().contains("Entry 3:")), "what was committed is searchable");

        progress.clear();
        IngestSummary resumed = memory.ingest(note.toString(), small, listener, () -> false);
        assertEquals(1, resumed.updated(), "the unfinished note is embedded again: " + resumed);
        assertEquals(paragraphs, resumed.chunks());
        assertTrue(progress.size() >= 3, "progress after every batch: " + progress.size());
        assertEquals(paragraphs, memory.stats(null).chunks(), "no chunk twice");
        assertEquals(1, memory.ingest(note.toString(), small, IngestListener.NONE, () -> false).unchanged());
    }

    @Test
    void ingestingOneFileLooksForDeletionsInThatFileOnly() throws Exception {
        Path vault = Files.createDirectories(tmp.resolve("vault"));
        Files.writeString(vault.resolve("A.md"), "Apples are kept in the cellar.");
        Files.writeString(vault.resolve("B.md"), "Bikes are kept in the shed.");
        memory.ingest(vault.toString());
        Files.delete(vault.resolve("B.md"));
        IngestSummary one = memory.ingest(vault.resolve("A.md").toString());
        assertEquals(0, one.removed(), one.toString());
        assertEquals("A.md", memory.recall("apples").get(0).path(), "a single file's path is relative to its folder");
        assertEquals(1, memory.ingest(vault.toString()).removed());
    }
}
