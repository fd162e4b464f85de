package dev.hearth.kernel.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a magic's argument line into words much as a shell would: a quote that starts a word, or
 * a value ({@code key="two words"}), groups up to its closing quote; backslash escapes. Because
 * arguments are often prose, any other quote ({@code What's}) or one never closed is a character.
 */
public final class ArgTokenizer {

    private ArgTokenizer() {
    }

    /** The words of {@code line}. */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()
                        && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                    current.append(line.charAt(++i));
                } else {
                    current.append(c);
                }
            } else if ((c == '"' || c == '\'') && line.indexOf(c, i + 1) > i
                    && (!inWord || current.indexOf("=") == current.length() - 1)) {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
            } else if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
                inWord = true;
            } else {
                current.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(current.toString());
        }
        return words;
    }
}
