package dev.hearth.kernel.memory;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real in-process embedding model, loaded once per test JVM, with a record of what it embedded. */
final class TestModels {

    private static volatile Embedder shared;
    /** Every text embedded through {@link #embedder()} since the last {@link #embedded()} clear. */
    static final List<String> EMBEDDED = new CopyOnWriteArrayList<>();

    private TestModels() {
    }

    /** The default bge-small model, wrapped so tests can see which texts were embedded. */
    static synchronized Embedder embedder() {
        if (shared == null) {
            Embedder real = Embedder.defaultModel();
            EmbeddingModel recording = new EmbeddingModel() {
                @Override
                public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                    segments.forEach(s -> EMBEDDED.add(s.text()));
                    return real.model().embedAll(segments);
                }

                @Override
                public int dimension() {
                    return real.model().dimension();
                }
            };
            shared = Embedder.of(Embedder.DEFAULT_MODEL, recording);
        }
        return shared;
    }
}
