package dev.hearth.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cell into JShell snippets (JShell's {@code eval} runs only the first snippet of its
 * input), remembering where each starts so errors can name the cell's line and column.
 */
public final class CellSplitter {

    /**
     * One snippet of a cell.
     *
     * @param source    the snippet as JShell should evaluate it (a {@code ;} may have been added)
     * @param offset    where {@code source}'s first character would sit in the cell (may precede the code
     *                  by the whitespace JShell kept)
     * @param complete  false when JShell considers it incomplete or unknown (it will not compile)
     */
    public record Piece(String source, int offset, boolean complete) {
    }

    private final SourceCodeAnalysis analysis;

    public CellSplitter(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /** The snippets of {@code code}, in order; blank code gives none. */
    public List<Piece> split(String code) {
        List<Piece> pieces = new ArrayList<>();
        int position = 0;
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            int start = position + leadingWhitespace(remaining);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> {
                    pieces.add(new Piece(info.source(), sourceStart(remaining, info.source(), position, start), true));
                    int consumed = remaining.length() - info.remaining().length();
                    if (consumed <= 0) {
                        return pieces;
                    }
                    position += consumed;
                    remaining = info.remaining();
                }
                case EMPTY -> {
                    return pieces;
                }
                default -> {
                    pieces.add(new Piece(remaining.strip(), start, false));
                    return pieces;
                }
            }
        }
        return pieces;
    }

    /**
     * Where {@code source}'s first character sits in the cell, so that positions JShell reports
     * relative to {@code source} map onto the cell (JShell may keep or drop leading whitespace).
     */
    private static int sourceStart(String remaining, String source, int position, int fallback) {
        String body = source.strip();
        String probe = body.substring(0, Math.min(body.length(), 16)).replaceAll(";$", "");
        int at = probe.isEmpty() ? -1 : remaining.indexOf(probe);
        return at < 0 ? fallback : position + at - leadingWhitespace(source);
    }

    private static int leadingWhitespace(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
