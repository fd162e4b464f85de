package dev.hearth.kernel.memory;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Collection administration: remember a note, list, stats, forget, drop and copy between backends. */
final class CollectionAdmin {

    private final Backends backends;

    CollectionAdmin(Backends backends) {
        this.backends = backends;
    }

    String remember(String text, String collection, List<String> tags) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Nothing to remember: give some text");
        }
        String c = backends.collection(collection);
        EmbeddingStore<TextSegment> store = backends.store(backends.current(), c);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("source", "remember");
        meta.put("heading", "");
        meta.put("type", "note");
        meta.put("date", LocalDate.now().toString());
        List<String> cleanTags = tags == null ? List.of() : tags.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        if (!cleanTags.isEmpty()) {
            meta.put("tags", String.join(", ", cleanTags));
        }
        String id = UUID.randomUUID().toString();
        store.addAll(List.of(id), backends.embedder().embedDocuments(List.of(TextSegment.from(text.strip()))),
                List.of(TextSegment.from(text.strip(), new Metadata(meta))));
        return id;
    }

    List<CollectionInfo> list() {
        MemoryBackend backend = backends.current();
        return backend.collections().stream().map(c -> info(backend, c)).toList();
    }

    CollectionInfo stats(String collection) {
        String c = backends.collection(collection);
        MemoryBackend backend = backends.current();
        if (backend.modelOf(c).isEmpty()) {
            throw new IllegalArgumentException("No collection '" + c + "' on the " + backend.name() + " backend"
                    + " (%memory list shows what exists)");
        }
        return info(backend, c);
    }

    private CollectionInfo info(MemoryBackend backend, String collection) {
        return new CollectionInfo(collection, backend.name(), backend.modelOf(collection).orElse(null),
                backend.count(collection), backends.manifest(backend, collection).sources().size());
    }

    long forgetSource(String collection, String path) {
        String c = backends.collection(collection);
        String source = path.equals("remember") ? path : Path.of(HomePath.expand(path)).toAbsolutePath().normalize().toString();
        MemoryBackend backend = backends.current();
        EmbeddingStore<TextSegment> store = backends.existing(backend, c);
        long before = backend.count(c);
        store.removeAll(new IsEqualTo("source", source));
        Manifest manifest = backends.manifest(backend, c);
        manifest.remove(source);
        manifest.save();
        return before - backend.count(c);
    }

    long forgetId(String collection, String id) {
        String c = backends.collection(collection);
        MemoryBackend backend = backends.current();
        EmbeddingStore<TextSegment> store = backends.existing(backend, c);
        long before = backend.count(c);
        store.removeAll(List.of(id));
        return before - backend.count(c);
    }

    void drop(String collection) {
        String c = backends.collection(collection);
        MemoryBackend backend = backends.current();
        backend.drop(c);
        backends.forgetManifest(backend, c);
    }

    long copy(String collection, String targetBackend) {
        String c = backends.collection(collection);
        MemoryBackend from = backends.current();
        MemoryBackend to = backends.named(Objects.requireNonNull(targetBackend, "targetBackend"));
        if (from == to) {
            throw new IllegalArgumentException("The collection is already on the " + to.name() + " backend");
        }
        ModelInfo model = from.modelOf(c).orElseThrow(() ->
                new IllegalArgumentException("No collection '" + c + "' on the " + from.name() + " backend"));
        EmbeddingStore<TextSegment> target = to.open(c, model);
        List<StoredChunk> page = new ArrayList<>();
        long[] copied = {0};
        from.forEach(c, chunk -> {
            page.add(chunk);
            if (page.size() >= 256) {
                copied[0] += write(target, page);
            }
        });
        copied[0] += write(target, page);
        Manifest source = backends.manifest(from, c);
        Manifest dest = backends.manifest(to, c);
        Set<String> sources = new LinkedHashSet<>(source.sources());
        sources.forEach(s -> dest.put(s, source.get(s).orElseThrow()));
        dest.save();
        return copied[0];
    }

    private static int write(EmbeddingStore<TextSegment> target, List<StoredChunk> page) {
        if (page.isEmpty()) {
            return 0;
        }
        target.addAll(page.stream().map(StoredChunk::id).toList(), page.stream().map(StoredChunk::embedding).toList(),
                page.stream().map(StoredChunk::segment).toList());
        int n = page.size();
        page.clear();
        return n;
    }
}
