package dev.hearth.kernel.memory;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store contract on the embedded Lucene backend, plus its keyword search. */
class LuceneStoreContractTest extends EmbeddingStoreContract {

    @TempDir
    Path dir;

    @Override
    protected MemoryBackend openBackend() {
        return new LuceneBackend(dir);
    }

    @Test
    void keywordSearchRanksByBm25() {
        var store = backend.open(collection, embedder.info());
        store.addAll(List.of("a", "b"), List.of(embedder.embed("x"), embedder.embed("y")),
                List.of(TextSegment.from("Invoice 4711 from the plumber"), TextSegment.from("Groceries list: milk, eggs")));
        List<EmbeddingMatch<TextSegment>> hits = ((TextSearchable) store).searchText("plumber invoice", 5, null);
        assertEquals(1, hits.size());
        assertEquals("a", hits.get(0).embeddingId());
    }

    @Test
    void aSecondProcessCannotOpenTheSameIndex() {
        backend.open(collection, embedder.info());
        Path index = dir.resolve(collection).resolve("index");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LuceneEmbeddingStore.open(index, 384));
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }
}
