package dev.hearth.kernel.memory;

import dev.hearth.kernel.cell.CellScope;
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
    private final CellScope cells;

    InterruptibleStore(EmbeddingStore<TextSegment> server, CellScope cells) {
        this.server = server;
        this.cells = cells;
    }

    @Override
    public String add(Embedding embedding) {
        return cells.interruptibly(() -> server.add(embedding));
    }

    @Override
    public void add(String id, Embedding embedding) {
        cells.interruptibly(() -> server.add(id, embedding));
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        return cells.interruptibly(() -> server.add(embedding, segment));
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        return cells.interruptibly(() -> server.addAll(embeddings));
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings, List<TextSegment> segments) {
        return cells.interruptibly(() -> server.addAll(embeddings, segments));
    }

    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        cells.interruptibly(() -> server.addAll(ids, embeddings, segments));
    }

    @Override
    public void remove(String id) {
        cells.interruptibly(() -> server.remove(id));
    }

    @Override
    public void removeAll(Collection<String> ids) {
        cells.interruptibly(() -> server.removeAll(ids));
    }

    @Override
    public void removeAll(Filter filter) {
        cells.interruptibly(() -> server.removeAll(filter));
    }

    @Override
    public void removeAll() {
        cells.interruptibly(() -> server.removeAll());
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        return cells.interruptibly(() -> server.search(request));
    }
}
