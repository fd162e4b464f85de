package dev.hearth.kernel.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kill -9} in the middle of an ingest loses nothing reported as committed and never corrupts the store. */
class CrashSafetyTest {

    private static final int FILES = 400;

    @TempDir
    Path tmp;

    @Test
    void killMinusNineMidIngestKeepsEverythingCommittedAndTheNextIngestCompletes() throws Exception {
        Path notes = Files.createDirectories(tmp.resolve("notes"));
        for (int i = 0; i < FILES; i++) {
            Files.writeString(notes.resolve(String.format("n%04d.txt", i)), "Entry " + i + ": the colour of box " + i
                    + " is " + List.of("red", "green", "blue", "amber").get(i % 4) + ".");
        }
        Path home = tmp.resolve("home");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                IngestChild.class.getName(), home.toString(), notes.toString(), "0") // a commit per batch
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> committed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String line;
            // kill once two batches are committed, while later batches are being embedded
            while (committed.size() < 128 && System.nanoTime() < deadline && (line = out.readLine()) != null) {
                if (line.startsWith("COMMITTED ")) {
                    committed.add(line.substring("COMMITTED ".length()));
                }
                assertFalse(line.equals("DONE"), "the ingest finished before it could be killed");
            }
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no close
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(committed.size() >= 128 && committed.size() < FILES, "committed " + committed.size());

        try (Memory memory = Fixtures.memory(home)) {
            long stored = memory.stats(null).chunks();
            assertTrue(stored >= committed.size(), stored + " stored < " + committed.size() + " committed");
            for (String source : List.of(committed.get(0), committed.get(committed.size() - 1))) {
                List<Recalled> hits = memory.recall(new Memory.RecallRequest("colour of box", 5, null,
                        Map.of("source", source), RecallMode.VECTOR));
                assertEquals(1, hits.size(), "committed file " + source + " is in the store");
            }
            IngestSummary resumed = memory.ingest(notes.toString());
            assertTrue(resumed.unchanged() >= committed.size(), resumed.toString());
            assertEquals(FILES, resumed.unchanged() + resumed.added() + resumed.updated(), resumed.toString());
            assertEquals(FILES, memory.stats(null).chunks(), "every file once, no duplicates");
            assertFirst(memory.recall("Entry 399: the colour of box 399"), "n0399.txt");
        }
    }

    private static void assertFirst(List<Recalled> hits, String file) {
        assertTrue(hits.get(0).source().endsWith(file), hits.toString());
    }
}
