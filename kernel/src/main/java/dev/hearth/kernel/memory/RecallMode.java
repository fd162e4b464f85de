package dev.hearth.kernel.memory;

import java.util.Locale;

/** How {@code recall} ranks. */
public enum RecallMode {
    /** Nearest vectors (meaning). */
    VECTOR,
    /** BM25 keyword relevance. */
    TEXT,
    /** Both, fused by reciprocal rank. */
    HYBRID;

    /** Parses {@code vector}, {@code text} or {@code hybrid}. */
    public static RecallMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mode must be vector, text or hybrid, not '" + text + "'");
        }
    }
}
