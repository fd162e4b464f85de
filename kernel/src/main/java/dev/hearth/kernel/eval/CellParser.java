package dev.hearth.kernel.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cell's text into what runs in order: Java code, line magics ({@code %name args}), a
 * cell magic ({@code %%name args} on the first line, then its body), or an inspection request
 * ({@code ?expr} / {@code expr?}). Java segments are padded with blank lines so that their line
 * numbers stay those of the cell.
 */
public final class CellParser {

    private CellParser() {
    }

    /** One part of a cell. */
    public sealed interface Segment permits Java, LineMagic, CellMagic, Inspect {
    }

    /** Java code; line numbers match the cell's. */
    public record Java(String code) implements Segment {
    }

    /** {@code %name args}. */
    public record LineMagic(String name, String args) implements Segment {
    }

    /** {@code %%name args} followed by {@code body}. */
    public record CellMagic(String name, String args, String body) implements Segment {
    }

    /** {@code ?expr}, {@code expr?} (detail 0) or {@code ??expr}, {@code expr??} (detail 1). */
    public record Inspect(String expression, int detail) implements Segment {
    }

    /** The segments of {@code cell}, in order; a blank cell has none. */
    public static List<Segment> parse(String cell) {
        List<Segment> segments = new ArrayList<>();
        String stripped = cell.stripLeading();
        if (stripped.startsWith("%%")) {
            int nl = stripped.indexOf('\n');
            String first = nl < 0 ? stripped : stripped.substring(0, nl);
            String body = nl < 0 ? "" : stripped.substring(nl + 1);
            String[] nameAndArgs = splitName(first.substring(2));
            segments.add(new CellMagic(nameAndArgs[0], nameAndArgs[1], body));
            return segments;
        }
        String trimmed = cell.strip();
        boolean magicLine = trimmed.startsWith("%");
        if (!magicLine && !trimmed.contains("\n")
                && (trimmed.startsWith("?") || (trimmed.endsWith("?") && trimmed.length() > 1))) {
            int detail = trimmed.startsWith("??") || trimmed.endsWith("??") ? 1 : 0;
            String expression = trimmed.replaceAll("^\\?+|\\?+$", "").strip();
            if (!expression.isEmpty() && !expression.contains("?")) {
                segments.add(new Inspect(expression, detail));
                return segments;
            }
        }
        String[] lines = cell.split("\n", -1);
        StringBuilder java = new StringBuilder();
        boolean javaHasCode = false;
        for (String line : lines) {
            String lead = line.stripLeading();
            if (lead.startsWith("%") && !lead.startsWith("%%") && lead.length() > 1
                    && Character.isLetter(lead.charAt(1)) && !insideJavaBlock(java)) {
                if (javaHasCode) {
                    segments.add(new Java(java.toString()));
                    javaHasCode = false;
                }
                String[] nameAndArgs = splitName(lead.substring(1));
                segments.add(new LineMagic(nameAndArgs[0], nameAndArgs[1]));
                java = new StringBuilder("\n".repeat(lineCount(java) + 1));
                continue;
            }
            java.append(line).append('\n');
            javaHasCode |= !line.isBlank();
        }
        if (javaHasCode) {
            String code = java.toString();
            segments.add(new Java(code.endsWith("\n") && !cell.endsWith("\n") ? code.substring(0, code.length() - 1) : code));
        }
        return segments;
    }

    /** Whether {@code line} (leading blanks allowed) is written as a magic: {@code %} or {@code %%} first. */
    public static boolean isMagicLine(String line) {
        return line.stripLeading().startsWith("%");
    }

    /** Whether the cell is one cell magic ({@code %%name} on its first line). */
    public static boolean isCellMagic(String cell) {
        return cell.stripLeading().startsWith("%%");
    }

    /**
     * Whether {@code cell} is ready to run (Jupyter's {@code is_complete}): a cell magic when it
     * ends with an empty line; an inspection always; otherwise its Java, with magic lines left out,
     * as {@code java} judges it.
     */
    public static Evaluator.Completeness isComplete(String cell, java.util.function.Function<String, Evaluator.Completeness> java) {
        String stripped = cell.strip();
        if (isCellMagic(cell)) {
            boolean done = cell.endsWith("\n\n") || cell.endsWith("\n") && stripped.lines().count() > 1
                    && cell.lines().reduce((a, b) -> b).orElse("x").isBlank();
            return new Evaluator.Completeness(done ? "complete" : "incomplete", "");
        }
        if (stripped.endsWith("?") && !stripped.contains("\n")) {
            return new Evaluator.Completeness("complete", "");
        }
        StringBuilder javaOnly = new StringBuilder();
        for (String line : cell.split("\n", -1)) {
            String lead = line.stripLeading();
            javaOnly.append(lead.startsWith("%") || lead.startsWith("?") ? "" : line).append('\n');
        }
        return java.apply(javaOnly.toString());
    }

    private static int lineCount(StringBuilder text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    /** A {@code %} line inside an open brace block is Java (e.g. a modulo continuation), not a magic. */
    private static boolean insideJavaBlock(StringBuilder java) {
        int depth = 0;
        for (int i = 0; i < java.length(); i++) {
            char c = java.charAt(i);
            if (c == '{' || c == '(') {
                depth++;
            } else if (c == '}' || c == ')') {
                depth--;
            }
        }
        return depth > 0;
    }

    private static String[] splitName(String text) {
        String trimmed = text.strip();
        int space = 0;
        while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space))) {
            space++;
        }
        return new String[]{trimmed.substring(0, space), trimmed.substring(space).strip()};
    }
}
