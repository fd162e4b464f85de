package dev.hearth.kernel.memory;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;

/**
 * One entry of a collection with its vector, as read back for copying between backends.
 *
 * @param id        the entry's id
 * @param embedding its vector
 * @param segment   its text and metadata
 */
public record StoredChunk(String id, Embedding embedding, TextSegment segment) {
}
