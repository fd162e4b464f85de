package dev.hearth.kernel.memory;

/**
 * One piece of text to embed.
 *
 * @param heading the heading path of the section it came from
 * @param text    the text
 * @param section the section's index in its document
 */
public record Chunk(String heading, String text, int section) {
}
