package dev.hearth.kernel.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a magic's argument line into words much as a shell would: a quote that starts a word
 * groups up to its closing quote, backslash escapes. Because arguments are often prose, a quote
 * inside a word ({@code What's}) or one that is never closed is just a character.
 */
final class ArgTokenizer {

    private ArgTokenizer() {
    }

    static List<String> split(String line) {
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
            } else if ((c == '"' || c == '\'') && !inWord && line.indexOf(c, i + 1) > i) {
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
