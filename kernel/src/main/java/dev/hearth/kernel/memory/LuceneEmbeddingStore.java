package dev.hearth.kernel.memory;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The embedded, persistent default store: one Apache Lucene index holding, per entry, an HNSW
 * vector (cosine), the text for BM25 keyword search, and the metadata (stored as JSON and indexed
 * per key for filters).
 *
 * <p>Every mutating call commits before it returns, so what a call reported as done survives a
 * {@code kill -9}; Lucene's commit is atomic, so a crash never leaves a half-written index.
 * {@link #replaceSources} removes and adds in one commit; an ingest takes a {@link #bulk()} whose
 * writes become durable at each of its commits. One instance per directory and process; other
 * processes may read the same index at any time, and write in turn ({@link WriteLock}).
 *
 * <p>Over 400 lines on purpose: the single writes, the bulk writes and the searches share one
 * writer, one reader manager and one cross-process lock, whose life cycle is the point of the
 * class (the entry ↔ document mapping is in {@link LuceneDocuments}).
 */
public final class LuceneEmbeddingStore implements EmbeddingStore<TextSegment>, TextSearchable, AutoCloseable {

    private static final String ID = LuceneDocuments.ID;
    private static final String VECTOR = LuceneDocuments.VECTOR;
    private static final String TEXT = LuceneDocuments.TEXT;
    private static final String FIELDS = LuceneDocuments.FIELDS;
    static final String FIELD_PREFIX = "m.";
    /** How much a word in the title, aliases, heading or description counts against one in the text. */
    static final float FIELD_BOOST = 2f;

    private final Directory directory;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final WriteLock lock;
    private final SearcherManager searchers;
    private final int dimension;

    private LuceneEmbeddingStore(Path dir, int dimension, Duration lockWait) throws IOException {
        this.dimension = dimension;
        this.directory = FSDirectory.open(dir);
        this.lock = new WriteLock(dir, lockWait);
        if (!DirectoryReader.indexExists(directory)) {
            write(writer -> { });
        }
        this.searchers = new SearcherManager(directory, null);
    }

    /**
     * Opens (creating if needed) the index in {@code dir} for vectors of {@code dimension}. Any
     * number of processes may read it; a writer holds it only while it writes, and another writer
     * waits up to {@code lockWait} for it.
     *
     * @throws UncheckedIOException when the directory cannot be used
     */
    public static LuceneEmbeddingStore open(Path dir, int dimension, Duration lockWait) {
        try {
            return new LuceneEmbeddingStore(dir, dimension, lockWait);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the memory index " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Opens the index with a 30 s wait for other writers. */
    public static LuceneEmbeddingStore open(Path dir, int dimension) {
        return open(dir, dimension, Duration.ofSeconds(30));
    }

    private interface WriterWork {
        void apply(IndexWriter writer) throws IOException;
    }

    /** Runs {@code work} holding the index's write lock, commits, and lets the lock go. */
    private synchronized void write(WriterWork work) throws IOException {
        try (IndexWriter writer = lock.acquire(directory, this::writerConfig)) {
            work.apply(writer);
            writer.commit();
        } finally {
            lock.release();
        }
        if (searchers != null) {
            searchers.maybeRefreshBlocking();
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
        replace(sourcesQuery(sources), ids, embeddings, segments);
    }

    private synchronized void replace(Query delete, List<String> ids, List<Embedding> embeddings,
                                      List<TextSegment> segments) {
        List<Document> docs = documents(ids, embeddings, segments);
        try {
            write(writer -> apply(writer, delete, ids, docs));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the memory index: " + e.getMessage(), e);
        }
    }

    private List<Document> documents(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        if (ids.size() != embeddings.size() || (segments != null && segments.size() != ids.size())) {
            throw new IllegalArgumentException("ids, embeddings and segments must have the same size");
        }
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            docs.add(LuceneDocuments.of(ids.get(i), embeddings.get(i), segments == null ? null : segments.get(i), dimension));
        }
        return docs;
    }

    private static void apply(IndexWriter writer, Query delete, List<String> ids, List<Document> docs) throws IOException {
        if (delete != null) {
            writer.deleteDocuments(delete);
        }
        for (int i = 0; i < docs.size(); i++) {
            writer.updateDocument(new Term(ID, ids.get(i)), docs.get(i));
        }
    }

    private static Query sourcesQuery(Collection<String> sources) {
        return sources.isEmpty() ? null : LuceneFilters.termsQuery(FIELD_PREFIX + "source", sources);
    }

    /**
     * Takes the index for a series of writes committed together (an ingest): one writer for all of
     * them instead of one per write, and a new segment per commit instead of per write, which
     * saves building and merging a small vector graph each time. Other processes read meanwhile
     * and see each commit; their writes wait until {@link Bulk#close}.
     *
     * @throws IllegalStateException when another process still writes after the lock wait
     */
    public synchronized Bulk bulk() {
        try {
            return new Bulk(lock.acquire(directory, this::writerConfig));
        } catch (IOException e) {
            lock.release();
            throw new UncheckedIOException("Cannot write to the memory index: " + e.getMessage(), e);
        }
    }

    private IndexWriterConfig writerConfig() {
        return new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    }

    /** Writes held open by {@link #bulk()}: visible and durable at each {@link #commit()}, the rest dropped at close. */
    public final class Bulk implements AutoCloseable {
        private final IndexWriter writer;

        private Bulk(IndexWriter writer) {
            this.writer = writer;
        }

        /** Removes every entry of {@code sources} and adds the given ones, as one step of the next commit. */
        public void replaceSources(Collection<String> sources, List<String> ids, List<Embedding> embeddings,
                                   List<TextSegment> segments) {
            List<Document> docs = documents(ids, embeddings, segments);
            synchronized (LuceneEmbeddingStore.this) {
                try {
                    apply(writer, sourcesQuery(sources), ids, docs);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot write to the memory index: " + e.getMessage(), e);
                }
            }
        }

        /** Makes everything written so far durable (atomically) and visible to readers. */
        public void commit() {
            synchronized (LuceneEmbeddingStore.this) {
                try {
                    writer.commit();
                    searchers.maybeRefreshBlocking();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot commit to the memory index: " + e.getMessage(), e);
                }
            }
        }

        /** Drops what was not committed (else finishes the merges the commits started) and lets other writers in. */
        @Override
        public void close() {
            synchronized (LuceneEmbeddingStore.this) {
                try {
                    if (writer.hasUncommittedChanges()) {
                        writer.rollback();
                    } else {
                        writer.close();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot close the memory index writer: " + e.getMessage(), e);
                } finally {
                    lock.release();
                }
            }
        }
    }

    @Override
    public void removeAll(Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("ids must not be empty");
        }
        delete(LuceneFilters.termsQuery(ID, ids));
    }

    @Override
    public void removeAll(Filter filter) {
        if (filter == null) {
            throw new IllegalArgumentException("filter must not be null");
        }
        delete(LuceneFilters.toQuery(filter));
    }

    @Override
    public void removeAll() {
        delete(new MatchAllDocsQuery());
    }

    private synchronized void delete(Query query) {
        try {
            write(writer -> writer.deleteDocuments(query));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete from the memory index: " + e.getMessage(), e);
        }
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        float[] vector = request.queryEmbedding().vector();
        Query filter = request.filter() == null ? null : LuceneFilters.toQuery(request.filter());
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
            while (tokens.incrementToken() && count < BooleanQuery.getMaxClauseCount() / 2 - 1) {
                words.add(new TermQuery(new Term(TEXT, term.toString())), BooleanClause.Occur.SHOULD);
                words.add(new BoostQuery(new TermQuery(new Term(FIELDS, term.toString())), FIELD_BOOST), BooleanClause.Occur.SHOULD);
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
                    .add(LuceneFilters.toQuery(filter), BooleanClause.Occur.FILTER).build();
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

    @Override
    public java.util.Set<String> metadataKeys() {
        return withSearcher(searcher -> {
            java.util.Set<String> keys = new java.util.TreeSet<>();
            for (org.apache.lucene.index.FieldInfo f : org.apache.lucene.index.FieldInfos.getMergedFieldInfos(searcher.getIndexReader())) {
                if (f.name.startsWith(FIELD_PREFIX)) {
                    keys.add(f.name.substring(FIELD_PREFIX.length()));
                }
            }
            return keys;
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

    private static EmbeddingMatch<TextSegment> match(IndexSearcher searcher, ScoreDoc hit) throws IOException {
        return LuceneDocuments.match(searcher.storedFields().document(hit.doc), hit.score);
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            searchers.maybeRefresh(); // another process may have written
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

    @Override
    public synchronized void close() {
        try {
            searchers.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the memory index: " + e.getMessage(), e);
        }
    }
}
