package dev.hearth.kernel.memory;

import java.util.Map;

/**
 * A structural piece of a document that chunking keeps together when it can: the text under a
 * heading, a Logseq block with its children, a notebook cell, a PDF page.
 *
 * @param heading  the heading path, e.g. {@code Trip > Packing}; may be empty
 * @param text     the text
 * @param metadata extra metadata for the chunks of this section (e.g. Logseq block properties)
 */
public record Section(String heading, String text, Map<String, Object> metadata) {

    public Section {
        heading = heading == null ? "" : heading;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public Section(String heading, String text) {
        this(heading, text, Map.of());
    }
}
