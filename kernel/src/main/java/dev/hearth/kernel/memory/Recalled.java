package dev.hearth.kernel.memory;

import java.util.Map;

/**
 * One recalled chunk.
 *
 * @param rank     1 for the best
 * @param score    the relevance: cosine-based for vector mode, BM25 for text mode, fused rank score for hybrid
 * @param id       the chunk's id in its collection
 * @param text     the chunk's text
 * @param source   the file it came from (or {@code remember} for a note stored directly)
 * @param heading  the heading path inside the source; may be empty
 * @param metadata all metadata of the chunk
 */
public record Recalled(int rank, double score, String id, String text, String source, String heading,
                       Map<String, Object> metadata) {

    /** {@code source > heading}, or the source alone. */
    public String location() {
        return heading.isEmpty() ? source : source + " > " + heading;
    }
}
