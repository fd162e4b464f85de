package dev.hearth.kernel.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The embedded, persistent default store: one Apache Lucene index holding, per entry, an HNSW
 * vector (cosine), the text for BM25 keyword search, and the metadata (stored as JSON and indexed
 * per key for filters).
 *
 * <p>Every mutating call commits before it returns, so what a call reported as done survives a
 * {@code kill -9}; Lucene's commit is atomic, so a crash never leaves a half-written index.
 * {@link #replaceSources} removes and adds in one commit. One instance per directory and process.
 */
public final class LuceneEmbeddingStore implements EmbeddingStore<TextSegment>, TextSearchable, AutoCloseable {

    private static final String ID = "id";
    private static final String VECTOR = "vector";
    private static final String VECTOR_BYTES = "vector_bytes";
    private static final String TEXT = "text";
    private static final String META = "meta";
    private static final String FIELD_PREFIX = "m.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.Set<String> LIST_KEYS = java.util.Set.of("tags", "links", "aliases");

    private final Directory directory;
    private final Analyzer analyzer = new StandardAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final int dimension;

    private LuceneEmbeddingStore(Path dir, int dimension) throws IOException {
        this.dimension = dimension;
        this.directory = FSDirectory.open(dir);
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCommitOnClose(true);
        this.writer = new IndexWriter(directory, config);
        writer.commit();
        this.searchers = new SearcherManager(writer, null);
    }

    /**
     * Opens (creating if needed) the index in {@code dir} for vectors of {@code dimension}.
     *
     * @throws UncheckedIOException when the directory cannot be used (e.g. another process holds it)
     */
    public static LuceneEmbeddingStore open(Path dir, int dimension) {
        try {
            return new LuceneEmbeddingStore(dir, dimension);
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            throw new IllegalStateException("The memory index " + dir + " is in use by another Hearth kernel", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the memory index " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String add(Embedding embedding) {
        String id = UUID.randomUUID().toString();
        add(id, embedding);
        return id;
    }

    @Override
    public void add(String id, Embedding embedding) {
        addAll(List.of(id), List.of(embedding), null);
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        String id = UUID.randomUUID().toString();
        addAll(List.of(id), List.of(embedding), List.of(segment));
        return id;
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        List<String> ids = generateIds(embeddings.size());
        addAll(ids, embeddings, null);
        return ids;
    }

    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        replace(null, ids, embeddings, segments);
    }

    /**
     * Removes every entry whose metadata {@code source} is one of {@code sources} and adds the given
     * entries, in one atomic commit: after a crash either all of it happened or none.
     */
    public void replaceSources(Collection<String> sources, List<String> ids, List<Embedding> embeddings,
                               List<TextSegment> segments) {
        replace(sources.isEmpty() ? null : termsQuery(FIELD_PREFIX + "source", sources), ids, embeddings, segments);
    }

    private synchronized void replace(Query delete, List<String> ids, List<Embedding> embeddings,
                                      List<TextSegment> segments) {
        if (ids.size() != embeddings.size() || (segments != null && segments.size() != ids.size())) {
            throw new IllegalArgumentException("ids, embeddings and segments must have the same size");
        }
        try {
            if (delete != null) {
                writer.deleteDocuments(delete);
            }
            for (int i = 0; i < ids.size(); i++) {
                Document doc = toDocument(ids.get(i), embeddings.get(i), segments == null ? null : segments.get(i));
                writer.updateDocument(new Term(ID, ids.get(i)), doc);
            }
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the memory index: " + e.getMessage(), e);
        }
    }

    private Document toDocument(String id, Embedding embedding, TextSegment segment) {
        float[] vector = embedding.vector();
        if (vector.length != dimension) {
            throw new IllegalArgumentException("This collection holds " + dimension + "-dimensional vectors, not "
                    + vector.length);
        }
        Document doc = new Document();
        doc.add(new StringField(ID, id, Field.Store.YES));
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES);
        bytes.asFloatBuffer().put(vector);
        doc.add(new StoredField(VECTOR_BYTES, bytes.array()));
        if (segment != null) {
            doc.add(new TextField(TEXT, segment.text(), Field.Store.YES));
            Map<String, Object> meta = segment.metadata().toMap();
            try {
                doc.add(new StoredField(META, JSON.writeValueAsString(typed(meta))));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("metadata cannot be stored: " + e.getMessage(), e);
            }
            meta.forEach((key, value) -> {
                String v = String.valueOf(value);
                doc.add(new StringField(FIELD_PREFIX + key, v, Field.Store.NO));
                if (LIST_KEYS.contains(key)) {
                    // tags=x and links=y match one element of the comma-separated list
                    for (String part : v.split(",\\s*")) {
                        doc.add(new StringField(FIELD_PREFIX + key, part, Field.Store.NO));
                    }
                }
            });
        }
        return doc;
    }

    /** Metadata as JSON with each value's Java type, so it reads back as the same type. */
    private static Map<String, List<Object>> typed(Map<String, Object> meta) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        meta.forEach((k, v) -> out.put(k, List.of(v.getClass().getSimpleName(), String.valueOf(v))));
        return out;
    }

    private static Metadata untyped(Map<String, List<String>> stored) {
        Metadata metadata = new Metadata();
        stored.forEach((k, pair) -> {
            String value = pair.get(1);
            switch (pair.get(0)) {
                case "Integer" -> metadata.put(k, Integer.parseInt(value));
                case "Long" -> metadata.put(k, Long.parseLong(value));
                case "Float" -> metadata.put(k, Float.parseFloat(value));
                case "Double" -> metadata.put(k, Double.parseDouble(value));
                case "UUID" -> metadata.put(k, UUID.fromString(value));
                default -> metadata.put(k, value);
            }
        });
        return metadata;
    }

    private void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    @Override
    public void removeAll(Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("ids must not be empty");
        }
        delete(termsQuery(ID, ids));
    }

    @Override
    public void removeAll(Filter filter) {
        if (filter == null) {
            throw new IllegalArgumentException("filter must not be null");
        }
        delete(toQuery(filter));
    }

    @Override
    public void removeAll() {
        delete(new MatchAllDocsQuery());
    }

    private synchronized void delete(Query query) {
        try {
            writer.deleteDocuments(query);
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete from the memory index: " + e.getMessage(), e);
        }
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        float[] vector = request.queryEmbedding().vector();
        Query filter = request.filter() == null ? null : toQuery(request.filter());
        return new EmbeddingSearchResult<>(withSearcher(searcher -> {
            int k = Math.max(1, request.maxResults());
            ScoreDoc[] hits = searcher.search(new KnnFloatVectorQuery(VECTOR, vector, k, filter), k).scoreDocs;
            List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
            for (ScoreDoc hit : hits) {
                // Lucene's cosine score is (1 + cos) / 2, the same scale as langchain4j's relevance score
                if (hit.score >= request.minScore()) {
                    matches.add(match(searcher, hit));
                }
            }
            return matches;
        }));
    }

    @Override
    public List<EmbeddingMatch<TextSegment>> searchText(String query, int maxResults, Filter filter) {
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        int count = 0;
        try (TokenStream tokens = analyzer.tokenStream(TEXT, new StringReader(query))) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && count < BooleanQuery.getMaxClauseCount() - 1) {
                words.add(new TermQuery(new Term(TEXT, term.toString())), BooleanClause.Occur.SHOULD);
                count++;
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (count == 0) {
            return List.of();
        }
        Query q = words.build();
        if (filter != null) {
            q = new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST)
                    .add(toQuery(filter), BooleanClause.Occur.FILTER).build();
        }
        Query finalQuery = q;
        return withSearcher(searcher -> {
            List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(finalQuery, Math.max(1, maxResults)).scoreDocs) {
                matches.add(match(searcher, hit));
            }
            return matches;
        });
    }

    /** The number of entries. */
    public long count() {
        return withSearcher(searcher -> (long) searcher.getIndexReader().numDocs());
    }

    /** Calls {@code each} for every entry with its vector (for copying to another backend). */
    public void forEach(Consumer<StoredChunk> each) {
        withSearcher(searcher -> {
            int max = searcher.getIndexReader().maxDoc();
            for (ScoreDoc hit : searcher.search(new MatchAllDocsQuery(), Math.max(1, max)).scoreDocs) {
                EmbeddingMatch<TextSegment> m = match(searcher, hit);
                each.accept(new StoredChunk(m.embeddingId(), m.embedding(), m.embedded()));
            }
            return null;
        });
    }

    private EmbeddingMatch<TextSegment> match(IndexSearcher searcher, ScoreDoc hit) throws IOException {
        Document doc = searcher.storedFields().document(hit.doc);
        BytesRef raw = doc.getBinaryValue(VECTOR_BYTES);
        float[] vector = new float[raw.length / Float.BYTES];
        ByteBuffer.wrap(raw.bytes, raw.offset, raw.length).asFloatBuffer().get(vector);
        String text = doc.get(TEXT);
        TextSegment segment = null;
        if (text != null) {
            String meta = doc.get(META);
            segment = TextSegment.from(text, meta == null ? new Metadata()
                    : untyped(JSON.readValue(meta, new TypeReference<Map<String, List<String>>>() { })));
        }
        return new EmbeddingMatch<>((double) hit.score, doc.get(ID), Embedding.from(vector), segment);
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the memory index: " + e.getMessage(), e);
        }
    }

    private static Query termsQuery(String field, Collection<?> values) {
        return new TermInSetQuery(field, values.stream().map(v -> new BytesRef(String.valueOf(v))).toList());
    }

    /** Translates a langchain4j metadata filter to a Lucene query (equality, membership, and/or/not). */
    static Query toQuery(Filter filter) {
        if (filter instanceof IsEqualTo eq) {
            return new TermQuery(new Term(FIELD_PREFIX + eq.key(), String.valueOf(eq.comparisonValue())));
        }
        if (filter instanceof IsIn in) {
            return termsQuery(FIELD_PREFIX + in.key(), in.comparisonValues());
        }
        if (filter instanceof IsNotEqualTo ne) {
            return not(new TermQuery(new Term(FIELD_PREFIX + ne.key(), String.valueOf(ne.comparisonValue()))));
        }
        if (filter instanceof IsNotIn nin) {
            return not(termsQuery(FIELD_PREFIX + nin.key(), nin.comparisonValues()));
        }
        if (filter instanceof And and) {
            return new BooleanQuery.Builder().add(toQuery(and.left()), BooleanClause.Occur.FILTER)
                    .add(toQuery(and.right()), BooleanClause.Occur.FILTER).build();
        }
        if (filter instanceof Or or) {
            return new BooleanQuery.Builder().add(toQuery(or.left()), BooleanClause.Occur.SHOULD)
                    .add(toQuery(or.right()), BooleanClause.Occur.SHOULD).setMinimumNumberShouldMatch(1).build();
        }
        if (filter instanceof Not not) {
            return not(toQuery(not.expression()));
        }
        throw new UnsupportedOperationException("The embedded memory store supports equality and membership filters"
                + " (and/or/not of them), not " + filter.getClass().getSimpleName());
    }

    private static Query not(Query query) {
        return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                .add(query, BooleanClause.Occur.MUST_NOT).build();
    }

    @Override
    public synchronized void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the memory index: " + e.getMessage(), e);
        }
    }
}
