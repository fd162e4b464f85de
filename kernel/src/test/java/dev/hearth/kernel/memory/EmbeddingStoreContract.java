package dev.hearth.kernel.memory;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every memory backend keeps, written once: each backend's test class extends it and
 * says how to open (and re-open) the backend. Uses the real in-process embedding model.
 */
abstract class EmbeddingStoreContract {

    private static final List<String> NOTES = List.of(
            "The dentist appointment is on Tuesday at 9 in the morning.",
            "Sourdough needs a starter fed the night before baking.",
            "The bicycle tyre pressure should be 4.5 bar for commuting.");

    protected MemoryBackend backend;
    protected String collection;
    protected final Embedder embedder = TestModels.embedder();

    /** A new backend instance on the same data each time it is called within one test. */
    protected abstract MemoryBackend openBackend();

    @BeforeEach
    void open(TestInfo info) {
        backend = openBackend();
        collection = "c-" + info.getTestMethod().orElseThrow().getName().toLowerCase().replaceAll("[^a-z0-9]", "")
                + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    @AfterEach
    void close() {
        backend.drop(collection);
        backend.close();
    }

    private EmbeddingStore<TextSegment> fill() {
        EmbeddingStore<TextSegment> store = backend.open(collection, embedder.info());
        List<String> ids = new ArrayList<>();
        List<Embedding> vectors = new ArrayList<>();
        List<TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < NOTES.size(); i++) {
            ids.add("note-" + i);
            vectors.add(embedder.embed(NOTES.get(i)));
            segments.add(TextSegment.from(NOTES.get(i), new Metadata(Map.of("source", "/notes/" + i + ".md",
                    "heading", "Day " + i, "chunk", i))));
        }
        store.addAll(ids, vectors, segments);
        return store;
    }

    private List<EmbeddingMatch<TextSegment>> search(EmbeddingStore<TextSegment> store, String query, int k) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(embedder.embed(query)).maxResults(k).build()).matches();
    }

    @Test
    void nearestEntryComesFirstWithItsTextAndMetadata() {
        EmbeddingStore<TextSegment> store = fill();
        List<EmbeddingMatch<TextSegment>> hits = search(store, "when do I see the dentist?", 3);
        assertEquals(3, hits.size());
        assertEquals("note-0", hits.get(0).embeddingId());
        assertEquals(NOTES.get(0), hits.get(0).embedded().text());
        assertEquals("/notes/0.md", hits.get(0).embedded().metadata().getString("source"));
        assertEquals("Day 0", hits.get(0).embedded().metadata().getString("heading"));
        assertEquals(0, hits.get(0).embedded().metadata().getInteger("chunk"));
        assertTrue(hits.get(0).score() > hits.get(1).score(), "scores decrease: " + hits);
        assertTrue(hits.get(0).score() <= 1.0 && hits.get(2).score() >= 0.0, "relevance scores lie in [0, 1]");
    }

    @Test
    void metadataFilterRestrictsTheSearch() {
        EmbeddingStore<TextSegment> store = fill();
        List<EmbeddingMatch<TextSegment>> hits = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(embedder.embed("dentist")).maxResults(3)
                .filter(new IsEqualTo("source", "/notes/2.md")).build()).matches();
        assertEquals(1, hits.size());
        assertEquals("note-2", hits.get(0).embeddingId());
    }

    @Test
    void removeByIdAndByFilter() {
        EmbeddingStore<TextSegment> store = fill();
        store.removeAll(List.of("note-0"));
        assertEquals(2, backend.count(collection));
        store.removeAll(new IsEqualTo("source", "/notes/1.md"));
        assertEquals(1, backend.count(collection));
        assertEquals("note-2", search(store, "dentist", 3).get(0).embeddingId());
        store.removeAll();
        assertEquals(0, backend.count(collection));
    }

    @Test
    void collectionRefusesAnotherEmbeddingModelNamingItsOwn() {
        fill();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> backend.open(collection, new ModelInfo("ollama:nomic-embed-text", 768)));
        assertTrue(e.getMessage().contains("built with the embedding model " + Embedder.DEFAULT_MODEL), e.getMessage());
        assertEquals(embedder.info(), backend.modelOf(collection).orElseThrow());
    }

    @Test
    void listsCountsAndReadsBackVectors() {
        fill();
        assertTrue(backend.collections().contains(collection));
        assertEquals(3, backend.count(collection));
        List<StoredChunk> all = new ArrayList<>();
        backend.forEach(collection, all::add);
        assertEquals(3, all.size());
        StoredChunk first = all.stream().filter(c -> c.id().equals("note-1")).findFirst().orElseThrow();
        assertEquals(NOTES.get(1), first.segment().text());
        assertEquals(384, first.embedding().vector().length);
        assertTrue(first.embedding().vector()[0] != 0f || first.embedding().vector()[1] != 0f);
    }

    @Test
    void entriesSurviveReopeningTheBackend() {
        fill();
        backend.close();
        backend = openBackend();
        assertEquals(3, backend.count(collection));
        assertEquals(embedder.info(), backend.modelOf(collection).orElseThrow());
        assertEquals("note-1", search(backend.open(collection, embedder.info()), "baking bread", 1).get(0).embeddingId());
    }

    @Test
    void dropRemovesTheCollection() {
        fill();
        backend.drop(collection);
        assertFalse(backend.collections().contains(collection));
        assertTrue(backend.modelOf(collection).isEmpty());
        assertEquals(0, backend.count(collection));
    }
}
