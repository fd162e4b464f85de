package dev.hearth.kernel.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backend switch and copy between the embedded store and a real Chroma server. */
@ExtendWith(ChromaServer.class)
class MemoryChromaTest {

    @TempDir
    Path tmp;

    @Test
    void copyToChromaAndBackKeepsEveryChunkAndRecallStillFindsTheNote() {
        Path vault = Fixtures.copy("vault", tmp);
        String collection = "copy-" + Long.toHexString(System.nanoTime());
        AtomicReference<BackendChoice> session = new AtomicReference<>(new BackendChoice("embedded", ChromaServer.url()));
        try (Memory memory = Memory.builder(tmp.resolve("home")).embedder(TestModels.embedder())
                .backendChoice(session::get).build()) {
            assertEquals("embedded", memory.backend());
            memory.ingest(vault.toString(), collection);
            long chunks = memory.stats(collection).chunks();
            assertEquals(chunks, memory.copy(collection, "chroma"));
            session.set(memory.checkBackend("chroma", ChromaServer.url()));
            assertEquals("chroma", memory.backend());
            assertEquals(chunks, memory.stats(collection).chunks());
            assertEquals(5, memory.stats(collection).sources(), "the manifest travels with the collection");
            List<Recalled> hits = memory.recall(new Memory.RecallRequest("What is the boiler service code?", 3, collection, Map.of(), null));
            assertTrue(hits.get(0).source().endsWith("Home Maintenance.md"), hits.toString());
            assertEquals("Home Maintenance > Heating", hits.get(0).heading());
            IllegalArgumentException noText = assertThrows(IllegalArgumentException.class, () -> memory.recall(
                    new Memory.RecallRequest("boiler", 3, collection, Map.of(), RecallMode.HYBRID)));
            assertTrue(noText.getMessage().contains("use --mode vector"), noText.getMessage());

            IngestSummary again = memory.ingest(vault.toString(), collection);
            assertEquals(5, again.unchanged(), "incremental ingest works on Chroma too: " + again);

            memory.drop(collection);
            session.set(memory.checkBackend("embedded", null));
            memory.drop(collection);
            assertTrue(memory.list().stream().noneMatch(c -> c.name().equals(collection)));
        }
    }

    @Test
    void theWrongModelIsRefusedOnChromaWithTheModelItWasBuiltWith() {
        String collection = "model-" + Long.toHexString(System.nanoTime());
        try (Memory memory = Memory.builder(tmp.resolve("home")).embedder(TestModels.embedder())
                .chromaUrl(ChromaServer.url()).backend("chroma").build()) {
            memory.remember("A note", collection, List.of());
            try (Memory other = Memory.builder(tmp.resolve("home2"))
                    .embedder(Embedder.named("ollama:nomic-embed-text", "http://127.0.0.1:9", null, new dev.hearth.kernel.cell.CellScope()))
                    .chromaUrl(ChromaServer.url()).backend("chroma").build()) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.remember("x", collection, List.of()));
                assertTrue(e.getMessage().contains("was built with the embedding model bge-small-en-v15-q"), e.getMessage());
            }
            memory.drop(collection);
        }
    }
}
