package dev.hearth.kernel.memory;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The backends of one memory (embedded, and Chroma at each URL used), which one the session's
 * settings choose, and the ingest manifest of each collection. Ingest, recall and administration all open their
 * collections here, so the embedding-model check and collection-name rules live in one place.
 */
final class Backends implements AutoCloseable {

    private final Path home;
    private final Embedder embedder;
    private final Duration chromaTimeout;
    private final dev.hearth.kernel.cell.CellScope cells;
    private final String defaultCollection;
    private final Supplier<BackendChoice> choice;
    private final MemoryBackend embedded;
    private final Map<String, ChromaBackend> chromas = new LinkedHashMap<>();
    private final Map<String, Manifest> manifests = new HashMap<>();

    Backends(Path home, Embedder embedder, Supplier<BackendChoice> choice, Duration chromaTimeout,
             String defaultCollection, Duration lockWait, dev.hearth.kernel.cell.CellScope cells) {
        this.home = home;
        this.embedder = embedder;
        this.choice = choice;
        this.chromaTimeout = chromaTimeout;
        this.cells = cells;
        this.defaultCollection = defaultCollection;
        this.embedded = new LuceneBackend(home.resolve("embedded"), lockWait);
    }

    Embedder embedder() {
        return embedder;
    }

    /** The backend the session's settings choose now. */
    MemoryBackend current() {
        return named(choice.get().name());
    }

    /** The backend called {@code name}; Chroma at the configured URL. */
    MemoryBackend named(String name) {
        BackendChoice chosen = new BackendChoice(name, choice.get().chromaUrl());
        if (chosen.name().equals("embedded")) {
            return embedded;
        }
        if (chosen.chromaUrl() == null) {
            throw new IllegalArgumentException("No Chroma URL: use %memory backend chroma http://HOST:PORT,"
                    + " %config chroma.url=... or HEARTH_CHROMA_URL");
        }
        return chroma(chosen.chromaUrl());
    }

    /** {@code wanted}, checked: a Chroma URL must answer now. */
    BackendChoice check(BackendChoice wanted) {
        BackendChoice chosen = wanted.name().equals("chroma") && wanted.chromaUrl() == null
                ? new BackendChoice("chroma", choice.get().chromaUrl()) : wanted;
        if (chosen.name().equals("chroma")) {
            if (chosen.chromaUrl() == null) {
                named("chroma");
            }
            if (!chroma(chosen.chromaUrl()).isUp()) {
                throw new IllegalStateException("No Chroma server answers at " + chosen.chromaUrl() + " (GET /api/v2/heartbeat)");
            }
        }
        return chosen;
    }

    private ChromaBackend chroma(String url) {
        synchronized (chromas) {
            return chromas.computeIfAbsent(url, u -> new ChromaBackend(u, chromaTimeout, cells));
        }
    }

    /** The collection {@code name} means: the default when blank, checked. */
    String collection(String name) {
        return MemoryBackend.checkName(name == null || name.isBlank() ? defaultCollection : name.strip());
    }

    /** The store of {@code collection}, checking (or recording) the embedding model; loads the model. */
    EmbeddingStore<TextSegment> store(MemoryBackend backend, String collection) {
        backend.modelOf(collection).ifPresent(m -> {
            if (!m.name().equals(embedder.name())) {
                throw new IllegalStateException("Collection '" + collection + "' was built with the embedding model "
                        + m.name() + ", not " + embedder.name() + ". Set memory.model=" + m.name()
                        + " (%config), or use another collection.");
            }
        });
        return backend.open(collection, embedder.info());
    }

    /** The store of an existing collection, without loading the embedding model (deleting needs no vectors). */
    EmbeddingStore<TextSegment> existing(MemoryBackend backend, String collection) {
        ModelInfo model = backend.modelOf(collection).orElseThrow(() -> new IllegalArgumentException(
                "No collection '" + collection + "' on the " + backend.name() + " backend"
                        + " (%memory list shows what exists)"));
        return backend.open(collection, model);
    }

    Manifest manifest(MemoryBackend backend, String collection) {
        synchronized (manifests) {
            return manifests.computeIfAbsent(backend.name() + "/" + collection,
                    k -> Manifest.load(home.resolve("manifests").resolve(backend.name()).resolve(collection + ".json")));
        }
    }

    void forgetManifest(MemoryBackend backend, String collection) {
        manifest(backend, collection).delete();
        synchronized (manifests) {
            manifests.remove(backend.name() + "/" + collection);
        }
    }

    @Override
    public void close() {
        embedded.close();
        synchronized (chromas) {
            chromas.values().forEach(MemoryBackend::close);
        }
    }
}
