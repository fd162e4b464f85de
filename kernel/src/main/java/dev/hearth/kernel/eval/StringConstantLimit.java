package dev.hearth.kernel.eval;

import java.util.Optional;

/**
 * Finds string constants that a class file cannot hold (over 65,535 bytes of modified UTF-8),
 * before JShell sees them: JShell accepts such a snippet, then fails every later compile of the
 * session. Literals and text blocks are counted after escapes, and literals joined by {@code +}
 * together (javac folds them into one constant).
 */
final class StringConstantLimit {

    /** The class file limit on one constant, in bytes of modified UTF-8. */
    static final int MAX_BYTES = 65_535;

    /** A constant over the limit: where it starts in the source and how many bytes it needs. */
    record TooLong(int offset, long bytes) {
    }

    private StringConstantLimit() {
    }

    /** The first constant in {@code source} over {@link #MAX_BYTES}, if any. */
    static Optional<TooLong> check(String source) {
        int i = 0;
        int n = source.length();
        long runBytes = 0;
        int runStart = -1;
        int lastLiteralEnd = -1;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                i = indexOrEnd(source, "\n", i + 2);
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                i = Math.min(n, indexOrEnd(source, "*/", i + 2) + 2);
            } else if (c == '\'') {
                i = endOfQuoted(source, i + 1, '\'');
            } else if (c == '"') {
                boolean textBlock = source.startsWith("\"\"\"", i);
                int end = textBlock ? textBlockEnd(source, i + 3) : endOfQuoted(source, i + 1, '"');
                String body = textBlock ? textBlockBody(source.substring(i + 3, Math.max(i + 3, end - 3)))
                        : source.substring(i + 1, Math.max(i + 1, end - 1));
                long bytes = modifiedUtf8Length(decode(body));
                boolean joined = lastLiteralEnd >= 0 && source.substring(lastLiteralEnd, i).strip().equals("+");
                runStart = joined ? runStart : i;
                runBytes = joined ? runBytes + bytes : bytes;
                if (runBytes > MAX_BYTES) {
                    return Optional.of(new TooLong(runStart, runBytes));
                }
                lastLiteralEnd = end;
                i = end;
            } else {
                i++;
            }
        }
        return Optional.empty();
    }

    private static int indexOrEnd(String source, String what, int from) {
        int at = source.indexOf(what, from);
        return at < 0 ? source.length() : at;
    }

    /** The index after the closing quote (or the end of the line when it is missing). */
    private static int endOfQuoted(String source, int from, char quote) {
        int i = from;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote || c == '\n') {
                return i + 1;
            } else {
                i++;
            }
        }
        return source.length();
    }

    private static int textBlockEnd(String source, int from) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith("\"\"\"", i)) {
                return i + 3;
            } else {
                i++;
            }
        }
        return source.length();
    }

    /** A text block's content: after the opening line, indentation stripped as javac does. */
    private static String textBlockBody(String raw) {
        int newline = raw.indexOf('\n');
        return newline < 0 ? raw : raw.substring(newline + 1).stripIndent();
    }

    private static String decode(String body) {
        try {
            return body.translateEscapes();
        } catch (IllegalArgumentException e) {
            return body; // a bad escape: javac reports it
        }
    }

    private static long modifiedUtf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c != 0 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return bytes;
    }
}
