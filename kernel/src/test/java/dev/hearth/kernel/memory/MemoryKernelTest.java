package dev.hearth.kernel.memory;

import dev.hearth.kernel.testing.KernelClient;
import dev.hearth.kernel.testing.KernelClient.Exchange;
import dev.hearth.kernel.testing.KernelProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The memory magics and the {@code memory} object of cells, through the real kernel process. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemoryKernelTest {

    @TempDir
    static Path dir;
    private KernelProcess kernel;
    private KernelClient client;
    private Path vault;

    @BeforeAll
    void start() throws Exception {
        vault = Fixtures.copy("vault", dir);
        kernel = KernelProcess.start(dir.resolve("home"), Map.of());
        client = kernel.client();
    }

    @AfterAll
    void stop() {
        kernel.close();
    }

    private Exchange ok(String code) {
        Exchange e = client.execute(code, 120_000);
        assertEquals("ok", e.status(), () -> code + " -> " + e.content() + "\n" + kernel.log());
        return e;
    }

    private static String html(Exchange e) {
        return e.iopub("execute_result").stream().findFirst()
                .map(m -> String.valueOf(((Map<?, ?>) m.content().get("data")).get("text/html"))).orElse("");
    }

    @Test
    @Order(1)
    void ingestShowsProgressAndASummary() {
        Exchange e = ok("%memory ingest \"" + vault + "\"");
        assertTrue(e.resultText().contains("notes: 5 added, 0 updated, 0 removed, 0 unchanged, 0 skipped"), e.resultText());
        assertFalse(e.iopub("display_data").isEmpty(), "a progress display was shown");
        Exchange again = ok("%memory ingest \"" + vault + "\"");
        assertTrue(again.resultText().contains("5 unchanged"), again.resultText());
    }

    @Test
    @Order(2)
    void recallShowsATableAndBindsTheResults() {
        Exchange e = ok("%recall What is the boiler service code? -k 3");
        assertTrue(html(e).startsWith("<table>") && html(e).contains("Home Maintenance &gt; Heating"), html(e));
        assertTrue(ok("_recall.get(0).source()").resultText().endsWith("Home Maintenance.md\""));
        assertEquals("3", ok("_recall.size()").resultText());
        Exchange filtered = ok("%recall sourdough --where tags=cooking --mode vector");
        assertTrue(filtered.resultText().contains("Baking.md"), filtered.resultText());
        assertTrue(ok("_recall.stream().allMatch(r -> r.source().endsWith(\"Baking.md\"))").resultText().equals("true"));
    }

    @Test
    @Order(3)
    void rememberStoresNotesAndTheMemoryObjectRecallsThem() {
        assertTrue(ok("%remember --tags home,keys The spare key is under the blue flower pot").resultText().startsWith("Remembered"));
        ok("%%remember --collection scratch\nThe wifi router admin password is on a sticker under the device.");
        assertTrue(ok("memory.recall(\"where is the spare key?\").get(0).text()").resultText().contains("blue flower pot"));
        assertEquals("\"home, keys\"", ok("memory.recall(\"spare key\", 1).get(0).metadata().get(\"tags\")").resultText());
        assertTrue(ok("memory.remember(\"Parcel number 77 goes to the neighbour\")").resultText().length() > 30);
        assertTrue(ok("memory.recall(\"parcel\").get(0).text()").resultText().contains("neighbour"));
        assertTrue(ok("memory.topChunks(\"router password\", \"scratch\", 1).get(0).location()").resultText().contains("remember"));
    }

    @Test
    @Order(4)
    void listStatsForgetAndBackend() {
        Exchange list = ok("%memory list");
        assertTrue(list.resultText().contains("notes") && list.resultText().contains("scratch")
                && list.resultText().contains("bge-small-en-v15-q (384d)") && list.resultText().contains("embedded"), list.resultText());
        assertTrue(ok("%memory stats notes").resultText().contains("5 files"));
        Exchange forget = ok("%memory forget --source \"" + vault.resolve("Budget.md") + "\"");
        assertEquals("Forgot 1 chunks of " + vault.resolve("Budget.md"), forget.resultText());
        assertTrue(ok("%memory stats").resultText().contains("4 files"));
        assertTrue(ok("%memory backend").resultText().startsWith("Memory backend: embedded"));
        Exchange noChroma = client.execute("%memory backend chroma", 30_000);
        assertEquals("error", noChroma.status());
        assertTrue(String.valueOf(noChroma.content().get("evalue")).contains("Chroma URL"), noChroma.content().toString());
    }

    @Test
    @Order(5)
    void dropAsksForConfirmation() {
        Exchange refused = client.executeWithInput("%memory drop scratch", prompt -> "no", 60_000);
        assertEquals("ok", refused.status());
        assertEquals("Not dropped.", refused.resultText());
        Exchange dropped = client.executeWithInput("%memory drop scratch", prompt -> {
            assertTrue(prompt.contains("Drop collection 'scratch' (1 chunks)"), prompt);
            return "scratch";
        }, 60_000);
        assertEquals("Dropped scratch.", dropped.resultText());
        assertFalse(ok("%memory list").resultText().contains("scratch"));
    }

    @Test
    @Order(6)
    void anInterruptedIngestKeepsWhatItStoredAndSaysHowToResume() throws Exception {
        Path many = java.nio.file.Files.createDirectories(dir.resolve("many"));
        for (int i = 0; i < 2000; i++) {
            java.nio.file.Files.writeString(many.resolve("n" + i + ".txt"), "Small note " + i + " about the shelf in room " + i % 17);
        }
        String id = client.submit("%memory ingest \"" + many + "\" --collection big", Map.of());
        Thread.sleep(4000);
        client.interrupt();
        Exchange e = client.await(id, 60_000);
        assertEquals("error", e.status(), "an interrupted cell reports the interrupt");
        assertTrue(e.stream("stdout").contains("Interrupted: big:") && e.stream("stdout").contains("resume"), e.stream("stdout"));
        String stats = ok("%memory stats big").resultText();
        assertTrue(!stats.contains(" 0 chunks") && !stats.contains("2000 chunks"), stats);
        assertEquals("true", ok("memory.ingest(\"" + vault.resolve("Baking.md") + "\", \"single\").added() == 1").resultText());
    }

    @Test
    @Order(7)
    void badArgumentsNameWhatToFix() {
        Exchange noQuery = client.execute("%recall", 30_000);
        assertEquals("error", noQuery.status());
        assertTrue(String.valueOf(noQuery.content().get("evalue")).contains("Nothing to recall"), noQuery.content().toString());
        Exchange badMode = client.execute("%recall boiler --mode fuzzy", 30_000);
        assertTrue(String.valueOf(badMode.content().get("evalue")).contains("--mode must be vector, text or hybrid"));
        Exchange missing = client.execute("%memory ingest /no/such/dir", 30_000);
        assertTrue(String.valueOf(missing.content().get("evalue")).contains("No such file or directory: /no/such/dir"));
        Exchange unknownCollection = client.execute("%recall boiler --collection nothere", 30_000);
        assertTrue(String.valueOf(unknownCollection.content().get("evalue")).contains("No collection 'nothere'"));
    }

    @Test
    @Order(8)
    void evalMagicScoresAQuestionFileAndShowsTheMisses() throws Exception {
        Path questions = dir.resolve("questions.tsv");
        java.nio.file.Files.writeString(questions, "# question<TAB>note\n"
                + "What is the boiler service code?\tHome Maintenance.md\n"
                + "How much water goes into the sourdough?\tBaking.md\n"
                + "Which room is my conference talk in?\tPeople.md\n");
        Exchange e = ok("%recall --eval \"" + questions + "\"");
        String text = e.resultText();
        assertTrue(text.contains("hybrid: 3 questions, top-1 0.67 (2), top-5"), text);
        assertTrue(text.contains("expected People.md") && text.contains("Conference Trip.md"), "the miss shows what came first: " + text);
        assertEquals("2", ok("_eval.top1()").resultText());
        Exchange bad = client.execute("%recall --eval \"" + vault.resolve("Baking.md") + "\"", 30_000);
        assertEquals("error", bad.status());
        assertTrue(String.valueOf(bad.content().get("evalue")).contains("expected 'question<TAB>path/of/note.md'"), bad.content().toString());
    }

    @Test
    @Order(9)
    void filtersFoldersAndMessagesSayWhatToDo() {
        Exchange unknown = client.execute("%recall boiler --where colour=red", 30_000);
        String evalue = String.valueOf(unknown.content().get("evalue"));
        assertTrue(evalue.contains("Unknown --where key 'colour'") && evalue.contains("tags") && evalue.contains("folder"), evalue);
        assertFalse(evalue.contains("%recall: %recall:"), evalue);
        Exchange noPath = client.execute("%memory ingest", 30_000);
        String missing = String.valueOf(noPath.content().get("evalue"));
        assertTrue(missing.startsWith("%memory: missing") && !missing.contains("%memory: %memory:"), missing);
        ok("%recall talk room --in Projects/ -k 5");
        assertEquals("true", ok("!_recall.isEmpty() && _recall.stream().allMatch(r -> r.path().startsWith(\"Projects/\"))").resultText());
        ok("%recall sourdough --where tags=cooking,tags=travel -k 5");
        assertEquals("true", ok("_recall.stream().map(r -> r.path()).collect(java.util.stream.Collectors.toSet())"
                + ".equals(java.util.Set.of(\"Baking.md\", \"Projects/Conference Trip.md\"))").resultText());
        Exchange nothing = client.execute("%memory ingest \"" + vault + "/*.nothing\"", 30_000);
        assertTrue(String.valueOf(nothing.content().get("evalue")).contains("matches no file"), nothing.content().toString());
    }

    @Test
    @Order(10)
    void dropWhereNobodyCanAnswerNeedsYes() {
        Exchange asked = client.execute("%memory drop single", 30_000);
        assertEquals("error", asked.status());
        assertTrue(String.valueOf(asked.content().get("evalue")).contains("add --yes"), asked.content().toString());
        assertEquals("Dropped single.", ok("%memory drop single --yes").resultText());
    }

    @Test
    @Order(11)
    void anotherProcessReadsAndWritesTheCollectionTheKernelHolds() {
        try (Memory other = Fixtures.memory(dir.resolve("home").resolve("memory"))) {
            assertTrue(other.recall("boiler service code").get(0).path().equals("Home Maintenance.md"));
            other.remember("The bike lock code is 3141");
        }
        assertTrue(ok("memory.recall(\"bike lock code\").get(0).text()").resultText().contains("3141"),
                "the kernel sees what the other process wrote");
    }

    @Test
    @Order(20)
    void aChromaServerThatNeverAnswersIsInterruptedAtOnce() throws Exception {
        // Accepts connections and never answers: without the interrupt, the call would wait for
        // memory.timeout.seconds (60 s), longer than this test waits.
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.util.List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String id = client.submit("%memory backend chroma http://127.0.0.1:" + silent.getLocalPort(), Map.of());
            for (int i = 0; i < 100 && held.isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertFalse(held.isEmpty(), "the kernel connected to the silent server");
            Thread.sleep(300);
            client.interrupt();
            Exchange e = client.await(id, 20_000);
            assertEquals("error", e.status());
            assertTrue(String.valueOf(e.content().get("evalue")).toLowerCase().contains("interrupt"), e.content().toString());
            for (java.net.Socket socket : held) {
                socket.close();
            }
        }
        assertTrue(ok("%memory backend").resultText().contains("embedded"), "the backend did not switch");
        assertEquals("2", ok("1 + 1").resultText(), "the next cell runs normally");
    }
}
