package dev.hearth.kernel.memory;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recall: asks the store by meaning, by words or both, folds chunks into notes (one row per note,
 * its best chunk shown) unless every chunk is asked for, and scores every row by its cosine
 * similarity to the question, so the score reads the same in every mode.
 */
final class Recaller {

    private final Backends backends;

    Recaller(Backends backends) {
        this.backends = backends;
    }

    List<Recalled> recall(Memory.RecallRequest request) {
        String collection = backends.collection(request.collection());
        MemoryBackend backend = backends.current();
        if (backend.modelOf(collection).isEmpty()) {
            throw new IllegalArgumentException("No collection '" + collection + "' on the " + backend.name()
                    + " backend; ingest or remember something first (%memory list shows what exists)");
        }
        EmbeddingStore<TextSegment> store = backends.store(backend, collection);
        boolean textCapable = store instanceof TextSearchable;
        Filter filter = Where.filter(request.where(), textCapable ? ((TextSearchable) store).metadataKeys() : null);
        RecallMode mode = request.mode() != null ? request.mode() : textCapable ? RecallMode.HYBRID : RecallMode.VECTOR;
        if (mode != RecallMode.VECTOR && !textCapable) {
            throw new IllegalArgumentException("The " + backend.name() + " backend has no keyword search; use --mode vector");
        }
        int pool = request.chunks() ? Math.max(request.k() * 4, 20) : Math.max(request.k() * 10, 50);
        Embedding query = backends.embedder().embedQuery(request.query());
        Map<String, Hit> hits = new LinkedHashMap<>();
        if (mode != RecallMode.TEXT) {
            for (EmbeddingMatch<TextSegment> m : store.search(EmbeddingSearchRequest.builder().queryEmbedding(query)
                    .maxResults(pool).minScore(0.0).filter(filter).build()).matches()) {
                hits.put(m.embeddingId(), new Hit(m, cosine(query, m), 0));
            }
        }
        if (mode != RecallMode.VECTOR) {
            for (EmbeddingMatch<TextSegment> m : ((TextSearchable) store).searchText(request.query(), pool, filter)) {
                Hit known = hits.get(m.embeddingId());
                hits.put(m.embeddingId(), new Hit(m, known != null ? known.cosine : cosine(query, m), m.score()));
            }
        }
        List<Hit> rows = request.chunks() ? new ArrayList<>(hits.values()) : byNote(hits.values(), mode);
        List<Hit> ranked = switch (mode) {
            case VECTOR -> sorted(rows, Comparator.comparingDouble(h -> -h.cosine));
            case TEXT -> sorted(rows.stream().filter(h -> h.bm25 > 0).toList(), Comparator.comparingDouble(h -> -h.bm25));
            case HYBRID -> Fusion.rank(rows.stream().map(h -> new Fusion.Candidate<>(h, h.cosine, h.bm25)).toList(),
                    Fusion.VECTOR_WEIGHT).stream().map(Fusion.Candidate::item).toList();
        };
        List<Recalled> out = new ArrayList<>();
        for (Hit h : ranked.subList(0, Math.min(request.k(), ranked.size()))) {
            out.add(recalled(out.size() + 1, h));
        }
        return out;
    }

    /** One chunk found, with both scores (a note's row takes the best of each over its chunks). */
    private record Hit(EmbeddingMatch<TextSegment> match, double cosine, double bm25) {
    }

    /** One row per note: the best of each score over its chunks, shown by the chunk that ranks it. */
    private static List<Hit> byNote(java.util.Collection<Hit> hits, RecallMode mode) {
        Map<String, List<Hit>> notes = new LinkedHashMap<>();
        for (Hit h : hits) {
            notes.computeIfAbsent(source(h.match), s -> new ArrayList<>()).add(h);
        }
        List<Hit> out = new ArrayList<>();
        for (Map.Entry<String, List<Hit>> e : notes.entrySet()) {
            List<Hit> chunks = e.getValue();
            if (e.getKey().equals("remember")) {
                out.addAll(chunks); // notes stored by remember are each their own row
                continue;
            }
            double cos = chunks.stream().mapToDouble(Hit::cosine).max().orElse(0);
            double bm25 = chunks.stream().mapToDouble(Hit::bm25).max().orElse(0);
            Comparator<Hit> shown = mode == RecallMode.TEXT ? Comparator.comparingDouble(Hit::bm25)
                    : Comparator.comparingDouble(Hit::cosine);
            Hit best = chunks.stream().max(shown).orElseThrow();
            out.add(new Hit(best.match, cos, bm25));
        }
        return out;
    }

    private static String source(EmbeddingMatch<TextSegment> m) {
        return m.embedded() == null ? m.embeddingId() : String.valueOf(m.embedded().metadata().toMap().getOrDefault("source", m.embeddingId()));
    }

    private static List<Hit> sorted(List<Hit> hits, Comparator<Hit> order) {
        List<Hit> out = new ArrayList<>(hits);
        out.sort(order);
        return out;
    }

    /** Cosine similarity of the question and a chunk (from its vector, or from a store's relevance score). */
    private static double cosine(Embedding query, EmbeddingMatch<TextSegment> m) {
        if (m.embedding() == null) {
            return 2 * m.score() - 1;
        }
        float[] a = query.vector();
        float[] b = m.embedding().vector();
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private static Recalled recalled(int rank, Hit h) {
        TextSegment s = h.match.embedded();
        Map<String, Object> meta = s == null ? Map.of() : s.metadata().toMap();
        return new Recalled(rank, Math.max(0, Math.min(1, h.cosine)), h.match.embeddingId(), s == null ? "" : s.text(),
                String.valueOf(meta.getOrDefault("source", "")), String.valueOf(meta.getOrDefault("heading", "")), meta);
    }
}
