package dev.hearth.kernel.memory;

import dev.hearth.kernel.cell.InterruptibleCall;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;

import java.util.Collection;
import java.util.List;

/** A store on a server whose every call ends as soon as the running cell is interrupted. */
final class InterruptibleStore implements EmbeddingStore<TextSegment> {

    private final EmbeddingStore<TextSegment> server;

    InterruptibleStore(EmbeddingStore<TextSegment> server) {
        this.server = server;
    }

    @Override
    public String add(Embedding embedding) {
        return InterruptibleCall.run(() -> server.add(embedding));
    }

    @Override
    public void add(String id, Embedding embedding) {
        InterruptibleCall.run(() -> server.add(id, embedding));
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        return InterruptibleCall.run(() -> server.add(embedding, segment));
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        return InterruptibleCall.run(() -> server.addAll(embeddings));
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings, List<TextSegment> segments) {
        return InterruptibleCall.run(() -> server.addAll(embeddings, segments));
    }

    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        InterruptibleCall.run(() -> server.addAll(ids, embeddings, segments));
    }

    @Override
    public void remove(String id) {
        InterruptibleCall.run(() -> server.remove(id));
    }

    @Override
    public void removeAll(Collection<String> ids) {
        InterruptibleCall.run(() -> server.removeAll(ids));
    }

    @Override
    public void removeAll(Filter filter) {
        InterruptibleCall.run(() -> server.removeAll(filter));
    }

    @Override
    public void removeAll() {
        InterruptibleCall.run(() -> server.removeAll());
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        return InterruptibleCall.run(() -> server.search(request));
    }
}
