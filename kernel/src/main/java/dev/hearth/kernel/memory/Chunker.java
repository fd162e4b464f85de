package dev.hearth.kernel.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits sections into chunks of at most {@code size} characters, respecting structure first: a
 * section that fits is one chunk; a longer one is cut between paragraphs, then between sentences,
 * then between words. Consecutive chunks of one section share about {@code overlap} characters.
 *
 * @param size    the largest chunk, in characters
 * @param overlap characters repeated from the end of the previous chunk of the same section
 */
public record Chunker(int size, int overlap) {

    /** Defaults for notes: about a long paragraph per chunk. */
    public static final int DEFAULT_SIZE = 1000;
    /** Default overlap. */
    public static final int DEFAULT_OVERLAP = 100;

    public Chunker {
        if (size < 50) {
            throw new IllegalArgumentException("--chunk must be at least 50 characters, not " + size);
        }
        if (overlap < 0 || overlap >= size / 2) {
            throw new IllegalArgumentException("--overlap must be between 0 and half of --chunk (" + size / 2
                    + "), not " + overlap);
        }
    }

    /** The chunks of {@code document}, in order. */
    public List<Chunk> chunk(ParsedDocument document) {
        List<Chunk> chunks = new ArrayList<>();
        List<Section> sections = document.sections();
        for (int s = 0; s < sections.size(); s++) {
            Section section = sections.get(s);
            for (String piece : split(section.text())) {
                chunks.add(new Chunk(section.heading(), piece, s));
            }
        }
        return chunks;
    }

    /** The pieces of one section's text. */
    List<String> split(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return List.of();
        }
        if (t.length() <= size) {
            return List.of(t);
        }
        List<String> units = new ArrayList<>();
        for (String paragraph : t.split("\\n\\s*\\n")) {
            addUnits(paragraph.strip(), units);
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String unit : units) {
            if (current.length() > 0 && current.length() + 2 + unit.length() > size) {
                out.add(current.toString());
                String tail = tail(current.toString());
                current.setLength(0);
                if (!tail.isEmpty() && tail.length() + 1 + unit.length() <= size) {
                    current.append(tail).append(' ');
                }
            }
            if (current.length() > 0 && !current.toString().endsWith(" ")) {
                current.append("\n\n");
            }
            current.append(unit);
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    /** Adds a paragraph, or its sentences or word runs when it is longer than a chunk. */
    private void addUnits(String paragraph, List<String> units) {
        if (paragraph.isEmpty()) {
            return;
        }
        if (paragraph.length() <= size - overlap - 1) {
            units.add(paragraph);
            return;
        }
        String[] sentences = paragraph.split("(?<=[.!?])\\s+");
        if (sentences.length > 1) {
            for (String sentence : sentences) {
                addUnits(sentence, units);
            }
            return;
        }
        int limit = size - overlap - 1;
        StringBuilder run = new StringBuilder();
        for (String word : paragraph.split("\\s+")) {
            while (word.length() > limit) {
                if (run.length() > 0) {
                    units.add(run.toString());
                    run.setLength(0);
                }
                units.add(word.substring(0, limit));
                word = word.substring(limit);
            }
            if (run.length() > 0 && run.length() + 1 + word.length() > limit) {
                units.add(run.toString());
                run.setLength(0);
            }
            if (run.length() > 0) {
                run.append(' ');
            }
            run.append(word);
        }
        if (run.length() > 0) {
            units.add(run.toString());
        }
    }

    /** The last {@code overlap} characters of {@code chunk}, starting at a word. */
    private String tail(String chunk) {
        if (overlap == 0 || chunk.length() <= overlap) {
            return overlap == 0 ? "" : chunk;
        }
        String tail = chunk.substring(chunk.length() - overlap);
        int space = tail.indexOf(' ');
        return space < 0 ? tail : tail.substring(space + 1);
    }
}
