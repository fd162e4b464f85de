package dev.hearth.kernel.memory;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
        Path vault = Files.createDirectories(tmp.resolve("vault"));
        Files.writeString(vault.resolve("Open.md"), "Readable note about the garden hose.");
        Path locked = Files.createDirectories(vault.resolve("locked"));
        Files.writeString(locked.resolve("Secret.md"), "Hidden");
        Path lockedFile = vault.resolve("Locked.md");
        Files.writeString(lockedFile, "No access");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(lockedFile, PosixFilePermissions.fromString("---------"));
        try {
            List<String> lines = isRoot() ? ingestWithoutRootsFileRights(vault) : ingestHere(vault);
            assertTrue(lines.contains("ADDED 1"), "the readable note is ingested: " + lines);
            assertEquals(List.of("SKIPPED permission denied\t" + lockedFile, "SKIPPED permission denied\t" + locked),
                    lines.stream().filter(l -> l.startsWith("SKIPPED")).sorted().toList());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private List<String> ingestHere(Path vault) {
        IngestSummary s = memory.ingest(vault.toString());
        List<String> lines = new ArrayList<>(List.of("ADDED " + s.added()));
        s.skipped().forEach(k -> lines.add("SKIPPED " + k.reason() + "\t" + k.path()));
        return lines;
    }

    /**
     * Root reads any file whatever its mode (CI runs as root), so the ingest runs in a child JVM
     * as root without the two capabilities that bypass file permissions: what a normal user gets.
     */
    private List<String> ingestWithoutRootsFileRights(Path vault) throws Exception {
        Path setpriv = Path.of("/usr/bin/setpriv");
        Assumptions.assumeTrue(Files.isExecutable(setpriv), "running as root without setpriv (util-linux) to drop"
                + " the capabilities that let root read unreadable files");
        String caps = "-dac_override,-dac_read_search";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(setpriv.toString(), "--inh-caps=" + caps, "--bounding-set=" + caps,
                java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), IngestChild.class.getName(),
                tmp.resolve("child-home").toString(), vault.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child ingest finished");
        assertEquals(0, child.exitValue(), out);
        return out.lines().toList();
    }

    private static boolean isRoot() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
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
    void batchesAreCommittedTogetherAndAFailedIngestRecordsNothingUncommitted() throws Exception {
        Path vault = Files.createDirectories(tmp.resolve("vault"));
        int files = 200;
        for (int i = 0; i < files; i++) {
            Files.writeString(vault.resolve(String.format("n%03d.md", i)), "Box " + i + " holds " + (i % 2 == 0 ? "screws" : "nails") + ".");
        }
        AtomicInteger batches = new AtomicInteger();
        EmbeddingModel failingAtThirdBatch = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                if (batches.incrementAndGet() == 3) {
                    throw new IllegalStateException("the model fell over");
                }
                return TestModels.embedder().model().embedAll(segments);
            }

            @Override
            public int dimension() {
                return 384;
            }
        };
        Path home = tmp.resolve("batched");
        try (Memory failing = Memory.builder(home).embedder(Embedder.of(Embedder.DEFAULT_MODEL, failingAtThirdBatch))
                .commitInterval(Duration.ofHours(1)).build()) {
            assertThrows(IllegalStateException.class, () -> failing.ingest(vault.toString()));
            // the failed ingest let the index go: another writer in this process does not wait
            try (Memory again = Memory.builder(home).embedder(TestModels.embedder()).commitInterval(Duration.ofHours(1))
                    .lockWait(Duration.ofSeconds(1)).build()) {
                List<String> committed = new ArrayList<>();
                List<IngestProgress> progress = new ArrayList<>();
                IngestSummary s = again.ingest(vault.toString(), Memory.IngestOptions.DEFAULTS, new IngestListener() {
                    @Override
                    public void progress(IngestProgress p) {
                        progress.add(p);
                    }

                    @Override
                    public void committed(List<String> sources) {
                        committed.addAll(sources);
                        progress.add(null); // marks where the commit came
                    }
                }, () -> false);
                assertEquals(files, s.added(), "the two batches written before the failure were never committed: " + s);
                assertEquals(files, again.stats(null).chunks(), "each note once");
                assertEquals(files, committed.size());
                assertTrue(progress.indexOf(null) >= 4, "progress after each of the 4 batches, one commit at the end: " + progress);
                assertEquals("n007.md", again.recall("what is in box 7").get(0).path());
            }
        }
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
