package dev.hearth.kernel.memory;

import java.util.Objects;

/**
 * What an embedding model expects before its inputs: retrieval models are trained on short search
 * queries and longer passages marked differently, and rank worse when a query is embedded like a
 * passage. Changing a model's document prefix changes its stored vectors, so it goes with the
 * model's name (a collection records the name and refuses any other).
 *
 * @param query    put before a search query
 * @param document put before a passage that is stored
 */
public record InputPrefixes(String query, String document) {

    /** Inputs embedded as they are. */
    public static final InputPrefixes NONE = new InputPrefixes("", "");

    /** BGE v1.5's instruction for short queries that look for passages (passages get none). */
    public static final String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    public InputPrefixes {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(document, "document");
    }

    /** The prefixes the model called {@code name} (as Hearth spells it) was trained with; none for a model Hearth does not know. */
    public static InputPrefixes forModel(String name) {
        return name.startsWith("bge-") ? new InputPrefixes(BGE_QUERY_INSTRUCTION, "") : NONE;
    }
}
