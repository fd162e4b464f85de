package dev.hearth.kernel.actions;

import dev.hearth.api.ActionInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The question put to the user before a model's call of an action with side effects runs. What
 * the call will do comes from the action's {@link dev.hearth.api.Action#preview preview} (else its
 * parameters), and every character that could change what a terminal or a notebook shows (carriage
 * return, ANSI escape, backspace, bidirectional overrides, zero-width characters...) is escaped, so
 * the user reads what will really run.
 */
final class ApprovalPrompt {

    /** Longest line shown, in characters after escaping. */
    static final int MAX_LINE = 200;
    /** Most lines shown of a preview. */
    static final int MAX_LINES = 12;

    private ApprovalPrompt() {
    }

    /** The prompt for a call of {@code action} with {@code input}, described by {@code preview} (may be empty). */
    static String of(String action, ActionInput input, List<String> preview) {
        List<String> lines = preview.isEmpty() ? parameterLines(input)
                : preview.stream().map(line -> escape(String.valueOf(line), MAX_LINE)).toList();
        StringBuilder out = new StringBuilder("A model asks to run ").append(action).append(":\n");
        int shown = Math.min(lines.size(), MAX_LINES);
        for (int i = 0; i < shown; i++) {
            out.append("  ").append(lines.get(i)).append('\n');
        }
        if (lines.size() > shown) {
            out.append("  ... (").append(lines.size() - shown).append(" more lines)\n");
        }
        return out.append("Allow it? [y/N] ").toString();
    }

    /** One escaped line per parameter. */
    private static List<String> parameterLines(ActionInput input) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Object> entry : input.values().entrySet()) {
            String value = String.valueOf(entry.getValue());
            String shown = escape(value, MAX_LINE);
            if (shown.length() < escape(value, Integer.MAX_VALUE).length()) {
                shown += " (" + value.length() + " characters in all)";
            }
            lines.add(entry.getKey() + " = " + shown);
        }
        return lines;
    }

    /**
     * {@code text} with every control, format and separator character escaped ({@code \n},
     * {@code \r}, {@code \t}, {@code \\}, else {@code \}{@code uXXXX}), cut after about
     * {@code max} characters with "...".
     */
    static String escape(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= max) {
                return out.append("...").toString();
            }
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (shownAsIs(text, i)) {
                        out.append(c);
                    } else {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean shownAsIs(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    && visible(Character.getType(text.codePointAt(i)));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1))
                    && visible(Character.getType(text.codePointAt(i - 1)));
        }
        return visible(Character.getType(c));
    }

    private static boolean visible(int type) {
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE && type != Character.SURROGATE;
    }
}
