package dev.hearth.kernel.memory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One recalled row: a note (its best chunk) or, with {@code --chunks}, one chunk.
 *
 * @param rank     1 for the best
 * @param score    how close the shown text is in meaning to the question: the cosine similarity of
 *                 their embeddings, from 0 (unrelated) to 1 (the same meaning); the same scale in
 *                 every mode (the mode decides the order, not the score)
 * @param id       the chunk's id in its collection
 * @param text     the chunk's text
 * @param source   the file it came from, absolute (or {@code remember} for a note stored directly)
 * @param heading  the heading path inside the source; may be empty
 * @param metadata all metadata of the chunk
 */
public record Recalled(int rank, double score, String id, String text, String source, String heading,
                       Map<String, Object> metadata) {

    private static final int SNIPPET = 240;

    /** {@code source > heading}, or the source alone. */
    public String location() {
        return heading.isEmpty() ? source : source + " > " + heading;
    }

    /** The note's path relative to the folder that was ingested, e.g. {@code Projects/Trip.md}. */
    public String path() {
        return String.valueOf(metadata.getOrDefault("path", source));
    }

    /** The note's title: front matter {@code title}, else the file name without its extension. */
    public String title() {
        return String.valueOf(metadata.getOrDefault("title", ""));
    }

    /** The text on one line, cut at a word near 240 characters. */
    public String snippet() {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= SNIPPET) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', SNIPPET);
        return flat.substring(0, cut > SNIPPET / 2 ? cut : SNIPPET) + "…";
    }

    /** A metadata value that may hold several (tags, aliases, links, front matter lists), as a list. */
    public List<String> list(String key) {
        Object v = metadata.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            return List.of();
        }
        return Arrays.stream(String.valueOf(v).split(",\\s*")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
