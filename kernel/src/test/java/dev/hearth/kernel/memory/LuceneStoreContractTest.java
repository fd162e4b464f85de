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
    void readersNeverWaitWritersNameTheHolder() throws Exception {
        var first = backend.open(collection, embedder.info());
        first.addAll(List.of("a"), List.of(embedder.embed("x")), List.of(TextSegment.from("The plumber invoice is 4711")));
        Path index = dir.resolve(collection).resolve("index");
        try (LuceneEmbeddingStore second = LuceneEmbeddingStore.open(index, 384, java.time.Duration.ofMillis(300))) {
            assertEquals(1, second.count(), "a second store opens the index and reads it");
            first.addAll(List.of("b"), List.of(embedder.embed("y")), List.of(TextSegment.from("Groceries: milk")));
            assertEquals(2, second.count(), "and sees what the first wrote since");
            // hold the write lock the way a writer in another process does, then try to write
            WriteLock holder = new WriteLock(index, java.time.Duration.ofSeconds(1));
            try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(index);
                 org.apache.lucene.index.IndexWriter w = holder.acquire(d, org.apache.lucene.index.IndexWriterConfig::new)) {
                assertEquals(1, ((TextSearchable) second).searchText("plumber", 5, null).size(), "reading never waits");
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> second.addAll(List.of("c"), List.of(embedder.embed("z")), List.of(TextSegment.from("z"))));
                assertTrue(e.getMessage().contains("being written by process " + ProcessHandle.current().pid())
                        && e.getMessage().contains("Reading works"), e.getMessage());
            } finally {
                holder.release();
            }
            second.addAll(List.of("c"), List.of(embedder.embed("z")), List.of(TextSegment.from("Bike tyres at 4 bar")));
            assertEquals(3, ((LuceneEmbeddingStore) backend.store(collection, embedder.info())).count(),
                    "once the holder is done, the waiting writer writes and the first store sees it");
        }
    }
}
