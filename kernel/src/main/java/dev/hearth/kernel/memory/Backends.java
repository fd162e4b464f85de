package dev.hearth.kernel.memory;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The backends of one memory (embedded, and Chroma once a URL is known), which one is in use,
 * and the ingest manifest of each collection. Ingest, recall and administration all open their
 * collections here, so the embedding-model check and collection-name rules live in one place.
 */
final class Backends implements AutoCloseable {

    private final Path home;
    private final Embedder embedder;
    private final Duration chromaTimeout;
    private final dev.hearth.kernel.cell.CellScope cells;
    private final String defaultCollection;
    private final Map<String, MemoryBackend> backends = new LinkedHashMap<>();
    private final Map<String, Manifest> manifests = new HashMap<>();
    private volatile MemoryBackend current;

    Backends(Path home, Embedder embedder, String backend, String chromaUrl, Duration chromaTimeout,
             String defaultCollection, Duration lockWait, dev.hearth.kernel.cell.CellScope cells) {
        this.home = home;
        this.embedder = embedder;
        this.chromaTimeout = chromaTimeout;
        this.cells = cells;
        this.defaultCollection = defaultCollection;
        MemoryBackend embedded = new LuceneBackend(home.resolve("embedded"), lockWait);
        backends.put(embedded.name(), embedded);
        this.current = embedded;
        if (chromaUrl != null && !chromaUrl.isBlank()) {
            backends.put("chroma", new ChromaBackend(chromaUrl, chromaTimeout, cells));
            if ("chroma".equals(backend)) {
                current = backends.get("chroma");
            }
        } else if ("chroma".equals(backend)) {
            throw new IllegalArgumentException("memory.backend is chroma but no chroma.url is set"
                    + " (set HEARTH_CHROMA_URL or %config chroma.url=http://localhost:8000)");
        }
    }

    Embedder embedder() {
        return embedder;
    }

    MemoryBackend current() {
        return current;
    }

    /** Switches to {@code name} ({@code embedded} or {@code chroma}, which needs a URL once). */
    synchronized void use(String name, String url) {
        switch (name) {
            case "embedded" -> current = backends.get("embedded");
            case "chroma" -> current = chroma(url);
            default -> throw new IllegalArgumentException("Unknown memory backend '" + name + "': use embedded or chroma");
        }
    }

    private synchronized MemoryBackend chroma(String url) {
        MemoryBackend existing = backends.get("chroma");
        if (url != null && !url.isBlank() && (existing == null || !existing.location().equals(url.replaceAll("/+$", "")))) {
            ChromaBackend chroma = new ChromaBackend(url, chromaTimeout, cells);
            if (!chroma.isUp()) {
                throw new IllegalStateException("No Chroma server answers at " + url + " (GET /api/v2/heartbeat)");
            }
            backends.put("chroma", chroma);
            return chroma;
        }
        if (existing == null) {
            throw new IllegalArgumentException("No Chroma URL: use %memory backend chroma http://HOST:PORT,"
                    + " %config chroma.url=... or HEARTH_CHROMA_URL");
        }
        return existing;
    }

    /** The backend called {@code name}. */
    MemoryBackend named(String name) {
        return name.equals("chroma") ? chroma(null) : backends.get("embedded");
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
        backends.values().forEach(MemoryBackend::close);
    }
}
