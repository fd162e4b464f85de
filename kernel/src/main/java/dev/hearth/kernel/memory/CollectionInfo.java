package dev.hearth.kernel.memory;

/**
 * A collection as {@code %memory list} shows it.
 *
 * @param name    its name
 * @param backend {@code embedded} or {@code chroma}
 * @param model   the embedding model it was built with
 * @param chunks  how many chunks it holds
 * @param sources how many source files the ingest manifest records
 */
public record CollectionInfo(String name, String backend, ModelInfo model, long chunks, int sources) {
}
