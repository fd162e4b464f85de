package dev.hearth.kernel.memory;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where collections live: the embedded Lucene directory or a Chroma server. Each collection is a
 * langchain4j {@link EmbeddingStore} that remembers the embedding model it was created with.
 */
public interface MemoryBackend extends AutoCloseable {

    /** {@code embedded} or {@code chroma}. */
    String name();

    /** The directory or URL, for display. */
    String location();

    /**
     * The store of {@code collection}, created for {@code model} if it does not exist.
     *
     * @throws IllegalStateException when the collection was built with another model (the message names it)
     */
    default EmbeddingStore<TextSegment> open(String collection, ModelInfo model) {
        checkName(collection);
        synchronized (this) {
            Optional<ModelInfo> existing = modelOf(collection);
            if (existing.isPresent()) {
                existing.get().requireSame(model, collection);
            } else {
                create(collection, model);
            }
            return store(collection, model);
        }
    }

    /** Creates the empty {@code collection}, recording {@code model}. */
    void create(String collection, ModelInfo model);

    /** The store of the existing {@code collection} (cached by the backend). */
    EmbeddingStore<TextSegment> store(String collection, ModelInfo model);

    /** The model {@code collection} was built with, or empty when it does not exist. */
    Optional<ModelInfo> modelOf(String collection);

    /** The names of the collections, sorted. */
    List<String> collections();

    /** The number of entries in {@code collection} (0 when it does not exist). */
    long count(String collection);

    /** Every entry of {@code collection} with its vector. */
    void forEach(String collection, Consumer<StoredChunk> each);

    /** Deletes {@code collection} and everything in it; nothing happens when it does not exist. */
    void drop(String collection);

    @Override
    void close();

    /** Checks a collection name: letters, digits, dot, dash, underscore; 3 to 63 characters (Chroma's rule). */
    static String checkName(String collection) {
        if (collection == null || !collection.matches("[A-Za-z0-9][A-Za-z0-9._-]{1,61}[A-Za-z0-9]")) {
            throw new IllegalArgumentException("Bad collection name '" + collection + "': use 3 to 63 letters, digits,"
                    + " '.', '-' or '_', starting and ending with a letter or digit");
        }
        return collection;
    }
}
