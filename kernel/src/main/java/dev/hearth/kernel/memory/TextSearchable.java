package dev.hearth.kernel.memory;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.filter.Filter;

import java.util.List;

/** A store that can also rank its segments by keyword relevance (BM25), for text and hybrid recall. The words of a
 * chunk's title, aliases, heading and description count as well as its text. */
public interface TextSearchable {

    /**
     * The segments best matching the words of {@code query}, best first.
     *
     * @param filter a metadata filter, or {@code null}
     * @return matches whose score is the keyword relevance (not comparable to vector scores)
     */
    List<EmbeddingMatch<TextSegment>> searchText(String query, int maxResults, Filter filter);

    /** The metadata keys present in the store (for checking a filter's keys). */
    java.util.Set<String> metadataKeys();
}
