package dev.hearth.kernel.magic;

/**
 * One use of a magic in a cell.
 *
 * @param name     the magic's name
 * @param cellMagic whether it was written {@code %%name} (with a body)
 * @param args     the parsed arguments
 * @param line     the argument text exactly as written after the name
 * @param body     the cell body after the {@code %%name} line; empty for a line magic
 */
public record MagicCall(String name, boolean cellMagic, MagicArgs args, String line, String body) {
}
