package dev.hearth.kernel.memory;

import java.util.Objects;

/**
 * The embedding model a collection was built with; a collection refuses any other.
 *
 * @param name      the model's name as Hearth spells it, e.g. {@code bge-small-en-v15-q} or
 *                  {@code ollama:nomic-embed-text}
 * @param dimension the length of its vectors
 */
public record ModelInfo(String name, int dimension) {

    public ModelInfo {
        Objects.requireNonNull(name, "name");
        if (dimension <= 0) {
            throw new IllegalArgumentException("an embedding dimension must be positive, not " + dimension);
        }
    }

    /**
     * Throws when {@code other} is not this model, naming both.
     *
     * @param collection the collection being opened, for the message
     */
    public void requireSame(ModelInfo other, String collection) {
        if (!equals(other)) {
            throw new IllegalStateException("Collection '" + collection + "' was built with the embedding model "
                    + name + " (" + dimension + " dimensions), not " + other.name + " (" + other.dimension
                    + "). Use %memory model " + name + ", or another collection.");
        }
    }

    @Override
    public String toString() {
        return name + " (" + dimension + "d)";
    }
}
