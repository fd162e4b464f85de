package dev.hearth.kernel.memory;

import java.util.List;
import java.util.Map;

/**
 * A source file read into sections plus document-level metadata (title, tags, links, date, type).
 *
 * @param sections the document's parts in order
 * @param metadata metadata shared by every chunk
 */
public record ParsedDocument(List<Section> sections, Map<String, Object> metadata) {

    public ParsedDocument {
        sections = List.copyOf(sections);
        metadata = Map.copyOf(metadata);
    }
}
