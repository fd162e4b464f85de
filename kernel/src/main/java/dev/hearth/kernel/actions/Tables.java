package dev.hearth.kernel.actions;

import dev.hearth.api.MimeBundle;

import java.util.List;

/** A table shown as Markdown in the notebook and as aligned text elsewhere. */
public final class Tables {

    private Tables() {
    }

    /** {@code rows} under {@code headers}, or {@code emptyText} when there are none. */
    public static MimeBundle render(List<String> headers, List<List<String>> rows, String emptyText) {
        if (rows.isEmpty()) {
            return MimeBundle.text(emptyText);
        }
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        StringBuilder md = new StringBuilder();
        appendText(text, headers, widths);
        appendMarkdown(md, headers);
        md.append('|').append("---|".repeat(headers.size())).append('\n');
        for (List<String> row : rows) {
            appendText(text, row, widths);
            appendMarkdown(md, row);
        }
        return new MimeBundle(java.util.Map.of(MimeBundle.MARKDOWN, md.toString(), MimeBundle.TEXT, text.toString()),
                java.util.Map.of());
    }

    private static void appendText(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length() + 2));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static void appendMarkdown(StringBuilder out, List<String> cells) {
        out.append('|');
        cells.forEach(c -> out.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |"));
        out.append('\n');
    }
}
