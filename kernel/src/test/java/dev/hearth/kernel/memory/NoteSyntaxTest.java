package dev.hearth.kernel.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Obsidian, Logseq and Org syntax as ingest reads it: one small fixture per rule, no model needed. */
class NoteSyntaxTest {

    @TempDir
    Path dir;

    private ParsedDocument read(String relative, String text) throws Exception {
        Path file = write(relative, text);
        try (var files = Files.walk(dir)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            return new DocumentReader(1 << 20).read(file, text.getBytes(StandardCharsets.UTF_8), new Vault(dir, all));
        }
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static String allText(ParsedDocument doc) {
        return doc.sections().stream().map(s -> s.heading() + "\n" + s.text()).collect(Collectors.joining("\n"));
    }

    @Test
    void obsidianCommentsAreNeverPartOfTheText() throws Exception {
        ParsedDocument doc = read("Diary.md", "---\ntags: [me]\n---\n# Day\nWent to the park. %%do not share: the #secret pin is 4421%%\n"
                + "%%\nmulti-line private\nthoughts\n%%\nSaw a heron.\n<!-- html comment -->\n%% unclosed to the end");
        String text = allText(doc);
        assertFalse(text.contains("4421") || text.contains("private") || text.contains("html comment") || text.contains("unclosed"), text);
        assertTrue(text.contains("Went to the park.") && text.contains("Saw a heron."), text);
        assertEquals("me", doc.metadata().get("tags"), "a tag inside a comment is not collected");
    }

    @Test
    void calloutsBecomeTheirTextAndBlockIdsGo() throws Exception {
        ParsedDocument doc = read("Boiler.md", "> [!warning] Gas smell\n> Open the windows and call 0800 111 999\n\n"
                + "Pressure should be 1.2 bar ^pressure-note\n\n^standalone\nAfter.");
        String text = allText(doc);
        assertTrue(text.contains("Warning: Gas smell\nOpen the windows and call 0800 111 999"), text);
        assertFalse(text.contains("^pressure-note") || text.contains("^standalone") || text.contains("[!"), text);
        assertTrue(text.contains("Pressure should be 1.2 bar"), text);
    }

    @Test
    void linksShowTheirDisplayTextAndKeepTheirTargetInMetadata() throws Exception {
        ParsedDocument doc = read("Trip.md", "Ask [[People/Mira Jansen|Mira]] about [[Budget#Travel]] and see [the map](https://example.org/a_(b)).");
        String text = allText(doc);
        assertTrue(text.contains("Ask Mira about Budget > Travel and see the map."), text);
        assertEquals("People/Mira Jansen, Budget", doc.metadata().get("links"));
    }

    @Test
    void embedsResolveNotesHeadingsAndBlocksSafelyOrFallBackToTheTitle() throws Exception {
        write("Recipes/Dough.md", "# Dough\n## Water\n375 g water %%secret ratio%%\n## Salt\n10 g salt\n");
        write("A.md", "A says ![[B]]");
        write("B.md", "B says ![[A]] and ^ignored\n\nquote line ^q1\n");
        write("Deep1.md", "one ![[Deep2]]");
        write("Deep2.md", "two ![[Deep3]]");
        write("Deep3.md", "three ![[Deep4]]");
        write("Deep4.md", "four");
        ParsedDocument doc = read("Bread.md", "Mix ![[Dough#Water]] then ![[B#^q1]]; see ![[photo.png]] and ![[Missing note]].\n"
                + "Loop: ![[A]]. Deep: ![[Deep1]]");
        String text = allText(doc);
        assertTrue(text.contains("Mix 375 g water"), text);
        assertFalse(text.contains("10 g salt") || text.contains("secret ratio"), "only the heading, without comments: " + text);
        assertTrue(text.contains("then quote line;"), text);
        assertTrue(text.contains("see photo and Missing note."), text);
        assertTrue(text.contains("Loop: A says B says A and"), "a cycle ends at the title: " + text);
        assertTrue(text.contains("Deep: one two three Deep4"), "embeds nest " + Embeds.MAX_DEPTH + " deep: " + text);
    }

    @Test
    void frontMatterKeepsEveryKeyAliasesAndTitle() throws Exception {
        ParsedDocument doc = read("note-17.md", "---\ntitle: Heating plan\naliases: Boiler plan 2024\nauthors: [Ana, Ben]\n"
                + "date: 2024-02-01\nrating: 4\ndescription: what to do before winter\n---\nBody");
        Map<String, Object> m = doc.metadata();
        assertEquals("Heating plan", m.get("title"));
        assertEquals("Boiler plan 2024", m.get("aliases"), "one string is one alias");
        assertEquals("Ana, Ben", m.get("authors"));
        assertEquals("2024-02-01", m.get("date"));
        assertEquals("4", m.get("rating"));
        assertEquals("what to do before winter", m.get("description"));
        Recalled r = new Recalled(1, 1, "x", "Body", "/v/note-17.md", "", Map.of("authors", m.get("authors")));
        assertEquals(List.of("Ana", "Ben"), r.list("authors"), "lists stay lists");
    }

    @Test
    void hexColoursAndLinkAnchorsAreNotTags() throws Exception {
        ParsedDocument doc = read("Style.md", "Use #ff0000 or #0af for errors, see [below](#colour-table) and [[Palette#Reds]]. #design #home/paint");
        assertEquals("design, home/paint", doc.metadata().get("tags"));
    }

    @Test
    void logseqPropertiesAreMetadataAndSearchableTextButNotBlockText() throws Exception {
        Files.createDirectories(dir.resolve("logseq"));
        ParsedDocument dentist = read("pages/Dentist.md", "tags:: health\nphone:: 0161 555 0199\ndescription:: Family dentist\n");
        assertEquals("0161 555 0199", dentist.metadata().get("phone"));
        assertEquals("health", dentist.metadata().get("tags"));
        assertFalse(dentist.sections().isEmpty(), "a page of properties alone has searchable text");
        assertTrue(allText(dentist).contains("phone: 0161 555 0199") && allText(dentist).contains("description: Family dentist"));
        ParsedDocument page = read("pages/Bike.md", "- Tyres at 4 bar\n  id:: 6571a0c2-1b2e-4d3a-9f10-3c4d5e6f7a81\n  rating:: 5\n"
                + "- Chain wax ((6571a0c2-1b2e-4d3a-9f10-3c4d5e6f7a81)) every 300 km\n");
        String text = allText(page);
        assertFalse(text.contains("id::") || text.contains("rating::") || text.contains("6571a0c2"), text);
        assertEquals("5", page.sections().get(0).metadata().get("prop.rating"));
    }

    @Test
    void logseqFrontMatterIsMetadataNotAChunkAndJournalsKeepTheirDate() throws Exception {
        Files.createDirectories(dir.resolve("logseq"));
        ParsedDocument page = read("pages/Plan.md", "---\ntitle: Kitchen plan\ntags: [home]\n---\n- Order the worktop\n");
        assertEquals("Kitchen plan", page.metadata().get("title"));
        assertEquals(1, page.sections().size());
        assertEquals("Order the worktop", page.sections().get(0).text());
        ParsedDocument day = read("journals/2024_03_15.md", "- Waxed the chain\n");
        assertEquals("2024-03-15", day.metadata().get("date"));
    }

    @Test
    void orgPagesGiveHeadingsTextTagsAndProperties() throws Exception {
        ParsedDocument doc = read("pages/Boiler.org", "#+title: Boiler\n#+filetags: :home:heating:\n* Service :annual:\n:PROPERTIES:\n"
                + ":id: 65f0\n:vendor: Northgate\n:END:\n** The code is [[https://x.org][BX-2291]]\n");
        assertEquals("Boiler", doc.metadata().get("title"));
        assertEquals("Northgate", doc.metadata().get("vendor"));
        assertEquals("home, heating, annual", doc.metadata().get("tags"));
        String text = allText(doc);
        assertTrue(text.contains("Service > The code is BX-2291") && text.contains("The code is BX-2291"), text);
        assertFalse(text.contains(":PROPERTIES:") || text.contains("65f0"), text);
    }

    @Test
    void whereUnderstandsHierarchiesRepeatedKeysAndNamesKnownKeys() {
        assertEquals(List.of("home/heating/boiler", "home", "home/heating"), LuceneFilters.terms("tags", "home/heating/boiler"));
        assertEquals(List.of("Projects/2024", "Projects"), LuceneFilters.terms("folder", "Projects/2024"));
        assertEquals(Map.of("tags", List.of("a", "b"), "folder", List.of("Projects")), Where.parse("tags=#a,tags=b,folder=Projects/"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Where.filter(Map.of("colour", List.of("red")), java.util.Set.of("rating")));
        assertTrue(e.getMessage().startsWith("Unknown --where key 'colour'. Known keys: ") && e.getMessage().contains("rating")
                && e.getMessage().contains("tags"), e.getMessage());
    }

    @Test
    void fusionKeepsWhatOneMethodRanksFirstNearTheTop() {
        // "kw" is the best keyword match but far down by meaning; the rest are close in meaning
        List<Fusion.Candidate<String>> candidates = List.of(new Fusion.Candidate<>("a", 0.80, 1.0), new Fusion.Candidate<>("b", 0.79, 1.5),
                new Fusion.Candidate<>("c", 0.78, 1.2), new Fusion.Candidate<>("d", 0.77, 1.1), new Fusion.Candidate<>("kw", 0.40, 9.0));
        List<String> ranked = Fusion.rank(candidates, Fusion.VECTOR_WEIGHT).stream().map(Fusion.Candidate::item).toList();
        assertEquals("a", ranked.get(0));
        assertTrue(ranked.indexOf("kw") < Fusion.KEEP_WITHIN, ranked.toString());
    }

    @Test
    void theContextHeaderNamesTitleAliasesAndHeading() {
        assertEquals("Bike (aka Bicycle) > Tyres\n", ContextHeader.of("Bike", "Bicycle", "Bike > Tyres"));
        assertEquals("Bike\n", ContextHeader.of("Bike", null, "Bike"));
        assertEquals("", ContextHeader.of("", "", ""));
    }

    @Test
    void noChunkStartsOrEndsInsideALink() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            text.append("see [[Projects/Very Long Note Name ").append(i).append("|plan").append(i).append("]] ");
        }
        List<Chunk> chunks = new Chunker(60, 0).chunk(read("Links.md", text.toString()));
        assertTrue(chunks.size() > 1, chunks.toString());
        for (Chunk c : chunks) {
            assertFalse(c.text().contains("[[") || c.text().contains("]]") || c.text().contains("|"), c.text());
        }
        String all = chunks.stream().map(Chunk::text).collect(Collectors.joining(" "));
        for (int i = 0; i < 12; i++) {
            assertTrue(all.contains("see plan" + i), all);
        }
    }
}
