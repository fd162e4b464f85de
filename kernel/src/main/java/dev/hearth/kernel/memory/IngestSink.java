package dev.hearth.kernel.memory;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;

import java.util.Collection;
import java.util.List;

/**
 * Where an ingest writes its batches: the embedded store through one held writer, committed when
 * the ingest says so, or any other store call by call (each call is its own commit there).
 */
interface IngestSink extends AutoCloseable {

    /** Removes the chunks of {@code sources} and adds the given ones (atomically on the embedded store). */
    void replace(Collection<String> sources, List<String> ids, List<Embedding> embeddings, List<TextSegment> segments);

    /** Makes everything written so far durable and visible. */
    void commit();

    /** Whether writes wait for {@link #commit()}; if not, each write is stored when it returns. */
    boolean holdsWrites();

    /** Ends the ingest's writing; what was not committed may be dropped. */
    @Override
    void close();

    static IngestSink of(EmbeddingStore<TextSegment> store) {
        if (store instanceof LuceneEmbeddingStore lucene) {
            return new IngestSink() {
                private LuceneEmbeddingStore.Bulk bulk; // taken at the first write: an ingest that changes nothing waits for no one

                @Override
                public void replace(Collection<String> sources, List<String> ids, List<Embedding> embeddings,
                                    List<TextSegment> segments) {
                    if (bulk == null) {
                        bulk = lucene.bulk();
                    }
                    bulk.replaceSources(sources, ids, embeddings, segments);
                }

                @Override
                public void commit() {
                    if (bulk != null) {
                        bulk.commit();
                    }
                }

                @Override
                public boolean holdsWrites() {
                    return true;
                }

                @Override
                public void close() {
                    if (bulk != null) {
                        bulk.close();
                    }
                }
            };
        }
        return new IngestSink() {
            @Override
            public void replace(Collection<String> sources, List<String> ids, List<Embedding> embeddings,
                                List<TextSegment> segments) {
                if (!sources.isEmpty()) {
                    store.removeAll(new IsIn("source", sources));
                }
                if (!ids.isEmpty()) {
                    store.addAll(ids, embeddings, segments);
                }
            }

            @Override
            public void commit() {
                // every call above is already stored
            }

            @Override
            public boolean holdsWrites() {
                return false;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
