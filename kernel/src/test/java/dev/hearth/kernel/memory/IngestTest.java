package dev.hearth.kernel.memory;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ingest of the fixture vault and Logseq graph with the real embedding model and the embedded store. */
class IngestTest {

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

    private static void assertFirst(List<Recalled> hits, String fileName, String heading) {
        assertFalse(hits.isEmpty(), "no hits");
        assertTrue(hits.get(0).source().endsWith("/" + fileName), "expected " + fileName + " first, got " + hits);
        if (heading != null) {
            assertEquals(heading, hits.get(0).heading());
        }
    }

    @Test
    void aQuestionRanksTheOneNoteHoldingTheAnswerFirst() {
        Path vault = Fixtures.copy("vault", tmp);
        IngestSummary summary = memory.ingest(vault.toString());
        assertEquals(5, summary.added(), summary.toString());
        assertEquals(0, summary.skipped().size(), "the .obsidian folder is not ingested: " + summary);
        for (RecallMode mode : RecallMode.values()) {
            if (mode == RecallMode.TEXT) {
                continue;
            }
            assertFirst(recall("What is the boiler service code?", mode), "Home Maintenance.md", "Home Maintenance > Heating");
            assertFirst(recall("How much water goes into the sourdough?", mode), "Baking.md", "Sourdough > Dough");
            assertFirst(recall("When is Mira's birthday?", mode), "People.md", "People > Mira");
            assertFirst(recall("Which room is my conference talk in?", mode), "Conference Trip.md", "Conference Trip > Talk");
        }
        assertFirst(recall("BX-2291", RecallMode.TEXT), "Home Maintenance.md", null);
    }

    private List<Recalled> recall(String query, RecallMode mode) {
        return memory.recall(new Memory.RecallRequest(query, 3, null, Map.of(), mode));
    }

    @Test
    void chunksCarryTagsLinksHeadingsAndDates() {
        Path vault = Fixtures.copy("vault", tmp);
        memory.ingest(vault.toString());
        Recalled boiler = recall("boiler service code", RecallMode.VECTOR).get(0);
        String tags = (String) boiler.metadata().get("tags");
        assertTrue(tags.contains("house") && tags.contains("chores") && tags.contains("boiler"), tags);
        assertEquals("Budget", boiler.metadata().get("links"));
        assertEquals("2024-02-01", boiler.metadata().get("date"));
        assertEquals("Home Maintenance", boiler.metadata().get("title"));
        assertEquals("markdown", boiler.metadata().get("type"));
        Recalled talk = recall("conference talk room", RecallMode.VECTOR).get(0);
        assertTrue(((String) talk.metadata().get("tags")).contains("travel"));
        assertEquals("People, Budget", talk.metadata().get("links"));
        assertEquals(vault.resolve("Projects/Conference Trip.md").toString(), talk.source());
    }

    @Test
    void logseqPagesJournalsPropertiesAndBlocks() {
        Path graph = Fixtures.copy("graph", tmp);
        IngestSummary summary = memory.ingest(graph.toString(), "logseq");
        assertEquals(3, summary.added(), "logseq/ is not ingested: " + summary);
        List<Recalled> teacher = memory.recall(new Memory.RecallRequest("Who is the violin teacher?", 3, "logseq", Map.of(), null));
        assertFirst(teacher, "Music Lessons.md", "Music Lessons > Teacher");
        assertEquals("Ms. Okonkwo", teacher.get(0).metadata().get("prop.teacher"));
        assertTrue(((String) teacher.get(0).metadata().get("tags")).contains("hobby"));
        assertEquals("Violin", teacher.get(0).metadata().get("aliases"));
        List<Recalled> bug = memory.recall(new Memory.RecallRequest("Which ticket is the Kestrel import bug?", 3, "logseq", Map.of(), null));
        assertFirst(bug, "2024_03_15.md", "2024-03-15");
        assertEquals("2024-03-15", bug.get(0).metadata().get("date"));
        assertEquals("open", bug.get(0).metadata().get("prop.status"));
        assertTrue(((String) bug.get(0).metadata().get("links")).contains("Tomas"));
        List<Recalled> onlyMarch16 = memory.recall(new Memory.RecallRequest("groceries", 5, "logseq",
                Map.of("date", "2024-03-16"), RecallMode.VECTOR));
        assertTrue(onlyMarch16.stream().allMatch(r -> r.source().endsWith("2024_03_16.md")) && !onlyMarch16.isEmpty());
    }

    @Test
    void reIngestEmbedsOnlyTheEditedFileAndRemovesDeletedOnes() throws IOException {
        Path vault = Fixtures.copy("vault", tmp);
        memory.ingest(vault.toString());
        long before = memory.stats(null).chunks();

        TestModels.EMBEDDED.clear();
        IngestSummary again = memory.ingest(vault.toString());
        assertEquals(5, again.unchanged(), again.toString());
        assertEquals(0, again.chunks());
        assertTrue(TestModels.EMBEDDED.isEmpty(), "nothing re-embedded: " + TestModels.EMBEDDED);

        Files.writeString(vault.resolve("Budget.md"), "# Budget\n\nThe emergency fund lives in the green savings account.\n");
        IngestSummary edited = memory.ingest(vault.toString());
        assertEquals(1, edited.updated(), edited.toString());
        assertEquals(4, edited.unchanged());
        assertFalse(TestModels.EMBEDDED.isEmpty());
        assertTrue(TestModels.EMBEDDED.stream().allMatch(t -> t.startsWith("Budget")), "only Budget.md: " + TestModels.EMBEDDED);
        assertFirst(recall("Where is the emergency fund?", RecallMode.VECTOR), "Budget.md", "Budget");
        String budget = vault.resolve("Budget.md").toString();
        List<Recalled> budgetChunks = memory.recall(new Memory.RecallRequest("savings", 10, null, Map.of("source", budget), RecallMode.VECTOR).withChunks());
        assertEquals(1, budgetChunks.size(), "the old chunk of Budget.md is gone: " + budgetChunks);

        Files.delete(vault.resolve("People.md"));
        IngestSummary deleted = memory.ingest(vault.toString());
        assertEquals(1, deleted.removed(), deleted.toString());
        String people = vault.resolve("People.md").toString();
        assertTrue(memory.recall(new Memory.RecallRequest("Mira birthday", 10, null, Map.of("source", people), RecallMode.VECTOR)).isEmpty());
        assertTrue(memory.stats(null).chunks() < before);
        assertEquals(4, memory.stats(null).sources());
    }

    @Test
    void aFileChunkedByAnOlderFormatIsEmbeddedAgain() throws IOException {
        Path vault = Fixtures.copy("vault", tmp);
        IngestSummary first = memory.ingest(vault.toString());
        long chunks = memory.stats(null).chunks();
        memory.close();
        Path manifest = tmp.resolve("home/manifests/embedded/notes.json");
        String json = Files.readString(manifest);
        assertTrue(json.contains("\"format\":" + ChunkFormat.VERSION), json);
        // what a Hearth before the current chunk format wrote: the same hashes, an older format
        Files.writeString(manifest, json.replace("\"format\":" + ChunkFormat.VERSION, "\"format\":" + (ChunkFormat.VERSION - 1)));
        memory = Fixtures.memory(tmp.resolve("home"));
        IngestSummary again = memory.ingest(vault.toString());
        assertEquals(first.added(), again.updated(), "every file is embedded again: " + again);
        assertEquals(0, again.unchanged(), again.toString());
        assertEquals(chunks, memory.stats(null).chunks(), "the old chunks were replaced, not kept beside the new");
        assertEquals(first.added(), memory.ingest(vault.toString()).unchanged(), "and now they are current");
    }

    @Test
    void badFilesAreSkippedWithTheirReasonAndTheRestIsIngested() throws IOException {
        memory.close();
        memory = Memory.builder(tmp.resolve("home")).embedder(TestModels.embedder()).maxFileBytes(4096).build();
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        Files.writeString(dir.resolve("good.txt"), "The spare key is under the blue flower pot.");
        Files.write(dir.resolve("binary.md"), new byte[] {'#', ' ', 'x', 0, 1, 2, 3});
        Files.writeString(dir.resolve("huge.txt"), "word ".repeat(2000));
        Files.writeString(dir.resolve("broken.ipynb"), "{ not json");
        Files.writeString(dir.resolve("fake.pdf"), "this is not a pdf");
        Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
        IngestSummary summary = memory.ingest(dir.toString());
        assertEquals(1, summary.added(), summary.toString());
        Map<String, String> reasons = new java.util.HashMap<>();
        summary.skipped().forEach(s -> reasons.put(Path.of(s.path()).getFileName().toString(), s.reason()));
        assertTrue(reasons.get("binary.md").contains("binary"), reasons.toString());
        assertTrue(reasons.get("huge.txt").contains("too large"), reasons.toString());
        assertTrue(reasons.get("broken.ipynb").contains("not a valid notebook"), reasons.toString());
        assertTrue(reasons.get("fake.pdf").contains("not a readable PDF"), reasons.toString());
        assertTrue(reasons.get("latin1.txt").contains("UTF-8"), reasons.toString());
        assertTrue(summary.toString().contains("skipped " + dir.resolve("huge.txt")), summary.toString());
    }

    @Test
    void htmlNotebooksAndPdfsKeepTheirStructure() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(dir.resolve("page.html"), "<html><head><title>Router</title><script>var x=1;</script></head><body>"
                + "<h1>Router setup</h1><p>Intro.</p><h2>Wi-Fi</h2><p>The guest network password is lantern-42.</p></body></html>");
        Files.writeString(dir.resolve("analysis.ipynb"), """
                {"cells":[{"cell_type":"markdown","source":["# Analysis\\n","## Loading\\n","We read the sales data."]},
                 {"cell_type":"code","source":["var sales = readCsv(\\"q3-sales.csv\\");"]}],
                 "metadata":{"kernelspec":{"language":"java"}},"nbformat":4,"nbformat_minor":5}
                """);
        try (PDDocument pdf = new PDDocument()) {
            for (String text : List.of("Warranty terms for the dishwasher.", "The dishwasher warranty ends in June 2027.")) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream out = new PDPageContentStream(pdf, page)) {
                    out.beginText();
                    out.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    out.newLineAtOffset(72, 700);
                    out.showText(text);
                    out.endText();
                }
            }
            pdf.save(dir.resolve("warranty.pdf").toFile());
        }
        IngestSummary summary = memory.ingest(dir.toString());
        assertEquals(3, summary.added(), summary.toString());
        Recalled wifi = recall("guest wifi password", RecallMode.VECTOR).get(0);
        assertEquals("Router setup > Wi-Fi", wifi.heading());
        assertFalse(wifi.text().contains("var x"), "scripts are not text");
        Recalled code = recall("read the q3 sales csv", RecallMode.VECTOR).get(0);
        assertEquals("Analysis > Loading", code.heading());
        assertEquals("java", code.metadata().get("language"));
        Recalled warranty = recall("When does the dishwasher warranty end?", RecallMode.VECTOR).get(0);
        assertEquals("page 2", warranty.heading());
        assertEquals(2, warranty.metadata().get("page"));
    }

    @Test
    void anInterruptedIngestResumesWhereItStopped() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("many"));
        for (int i = 0; i < 100; i++) {
            Files.writeString(dir.resolve(String.format("note-%03d.txt", i)), "Note number " + i + " about topic " + (i * 7 % 13));
        }
        AtomicBoolean stop = new AtomicBoolean();
        IngestSummary first = memory.ingest(dir.toString(), Memory.IngestOptions.DEFAULTS, new IngestListener() {
            @Override
            public void progress(IngestProgress progress) {
                stop.set(true); // interrupted once the first batch is embedded: it is committed, the rest waits
            }
        }, stop::get);
        assertTrue(first.interrupted(), first.toString());
        assertTrue(first.added() > 0 && first.added() < 100, first.toString());
        assertTrue(first.toString().contains("resume"), first.toString());
        IngestSummary second = memory.ingest(dir.toString());
        assertFalse(second.interrupted());
        assertEquals(first.added(), second.unchanged(), second.toString());
        assertEquals(100 - first.added(), second.added(), second.toString());
        assertEquals(100, memory.stats(null).chunks());
    }

    @Test
    void chunkingFollowsParagraphsAndHonoursSizeAndOverlap() throws IOException {
        Path file = tmp.resolve("long.md");
        StringBuilder text = new StringBuilder("# Long\n\n");
        for (int p = 0; p < 6; p++) {
            text.append(("Paragraph " + p + " sentence. ").repeat(12)).append("\n\n");
        }
        Files.writeString(file, text.toString());
        IngestSummary summary = memory.ingest(file.toString(), new Memory.IngestOptions("chunks", 400, 40),
                IngestListener.NONE, () -> false);
        assertTrue(summary.chunks() >= 6, summary.toString());
        List<Recalled> all = memory.recall(new Memory.RecallRequest("paragraph", 50, "chunks", Map.of(), RecallMode.VECTOR));
        assertTrue(all.stream().allMatch(r -> r.text().length() <= 400), "no chunk over --chunk");
        assertTrue(all.stream().allMatch(r -> r.heading().equals("Long")));
    }

    @Test
    void globsSelectFilesAndForgetRemovesBySourceOrId() {
        Path vault = Fixtures.copy("vault", tmp);
        IngestSummary top = memory.ingest(vault + "/*.md", "glob");
        assertEquals(4, top.added(), "*.md stays in the folder: " + top);
        IngestSummary deep = memory.ingest(vault + "/**.md", "glob");
        assertEquals(1, deep.added(), "**.md also reaches Projects/: " + deep);
        assertEquals(4, deep.unchanged());

        String id = memory.remember("The bins go out on Wednesday night", "glob", List.of("chores"));
        assertEquals(1, memory.forgetId("glob", id));
        assertEquals(0, memory.forgetId("glob", id), "a second forget finds nothing");
        long budgetChunks = memory.forgetSource("glob", vault.resolve("Budget.md").toString());
        assertEquals(1, budgetChunks);
        assertEquals(4, memory.stats("glob").sources(), "the manifest forgets the file too");
        IngestSummary again = memory.ingest(vault + "/**.md", "glob");
        assertEquals(1, again.added(), "a forgotten file is ingested again next time: " + again);
    }

    /** BGE v1.5 is trained with an instruction before short search queries and none before passages. */
    @Test
    void aQuestionIsEmbeddedWithBgesQueryInstructionAndNotesWithout() {
        Path vault = Fixtures.copy("vault", tmp);
        TestModels.EMBEDDED.clear();
        memory.ingest(vault.toString());
        memory.remember("The spare key is under the blue flower pot", null, List.of());
        List<String> stored = List.copyOf(TestModels.EMBEDDED);
        assertFalse(stored.isEmpty());
        assertTrue(stored.stream().noneMatch(t -> t.contains(InputPrefixes.BGE_QUERY_INSTRUCTION.strip())),
                "a passage is embedded as it is: " + stored);
        assertTrue(stored.contains("The spare key is under the blue flower pot"), stored.toString());

        for (RecallMode mode : RecallMode.values()) {
            TestModels.EMBEDDED.clear();
            List<Recalled> hits = memory.recall(new Memory.RecallRequest("What is the boiler service code?", 3, null, Map.of(), mode));
            assertEquals(List.of(InputPrefixes.BGE_QUERY_INSTRUCTION + "What is the boiler service code?"), TestModels.EMBEDDED,
                    "the question, with the instruction, is the one text embedded in " + mode);
            assertTrue(hits.get(0).source().endsWith("/Home Maintenance.md"), hits.toString());
        }
    }

    @Test
    void eachModelGetsTheInputsItWasTrainedOn() {
        assertEquals(new InputPrefixes(InputPrefixes.BGE_QUERY_INSTRUCTION, ""), InputPrefixes.forModel(Embedder.DEFAULT_MODEL));
        assertEquals(InputPrefixes.NONE, InputPrefixes.forModel("ollama:nomic-embed-text"),
                "a model Hearth does not know is not given another model's instruction");
        assertEquals(InputPrefixes.BGE_QUERY_INSTRUCTION, TestModels.embedder().prefixes().query());
    }
}
