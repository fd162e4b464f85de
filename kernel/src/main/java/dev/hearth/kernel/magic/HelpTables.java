package dev.hearth.kernel.magic;

import org.jsoup.nodes.Entities;

import java.util.List;

/**
 * {@code %lsmagic} and {@code %help NAME} as HTML tables: fixed-width text columns wrap mid-word in
 * a notebook, a table does not. Cells are left-aligned explicitly (Notebook right-aligns them).
 */
final class HelpTables {

    private static final String TABLE = "<table style=\"text-align:left\">";
    private static final String CELL = "<td style=\"text-align:left;vertical-align:top\">";
    private static final String USAGE_CELL = "<td style=\"text-align:left;vertical-align:top;white-space:nowrap\">";

    private HelpTables() {
    }

    /** Every magic: usage and summary. */
    static String listing(List<Magic> magics) {
        StringBuilder html = new StringBuilder("<p>Available magics (<code>%help NAME</code> for details):</p>")
                .append(TABLE).append("<thead><tr>").append(header("Magic")).append(header("What it does"))
                .append("</tr></thead><tbody>");
        for (Magic magic : magics) {
            row(html, magic.spec().usage(), magic.spec().summary());
        }
        return html.append("</tbody></table>").toString();
    }

    /** One magic: usage, summary, options, help. */
    static String help(MagicSpec spec) {
        StringBuilder html = new StringBuilder("<p><b>Usage:</b> <code>").append(escape(spec.usage())).append("</code></p>");
        if (!spec.summary().isEmpty()) {
            html.append("<p>").append(escape(spec.summary())).append("</p>");
        }
        if (!spec.params().isEmpty()) {
            html.append(TABLE).append("<thead><tr>").append(header("Option")).append(header("Meaning"))
                    .append("</tr></thead><tbody>");
            for (MagicParam param : spec.params()) {
                row(html, param.synopsis(), param.description());
            }
            html.append("</tbody></table>");
        }
        if (!spec.help().isEmpty()) {
            html.append("<pre style=\"white-space:pre-wrap\">").append(escape(spec.help().strip())).append("</pre>");
        }
        return html.toString();
    }

    private static String header(String title) {
        return "<th style=\"text-align:left\">" + title + "</th>";
    }

    private static void row(StringBuilder html, String usage, String text) {
        html.append("<tr>").append(USAGE_CELL).append("<code>").append(escape(usage)).append("</code></td>")
                .append(CELL).append(escape(text)).append("</td></tr>");
    }

    private static String escape(String text) {
        return Entities.escape(text);
    }
}
