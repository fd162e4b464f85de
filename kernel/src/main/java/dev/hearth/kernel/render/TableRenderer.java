package dev.hearth.kernel.render;

import dev.hearth.api.MimeBundle;
import dev.hearth.api.RenderOptions;
import dev.hearth.api.Renderer;
import dev.hearth.api.Rows;
import org.jsoup.nodes.Entities;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A collection of records, beans or maps as an HTML table (one column per field), and a map as a
 * table of keys and values; at most {@code display.max.rows} rows, then "N more rows". The value's
 * text stays as {@code text/plain}.
 */
final class TableRenderer implements Renderer {

    /** Longest text shown in one cell. */
    static final int MAX_CELL_CHARS = 500;

    /** How many elements of a collection are checked to be rows (a huge or endless view is never walked). */
    static final int CHECKED = 1_000;

    @Override
    public boolean accepts(Object value) {
        return value instanceof Map<?, ?> map ? !map.isEmpty()
                : value instanceof Collection<?> c && Rows.isTable(c.stream().limit(CHECKED).toList());
    }

    @Override
    public MimeBundle render(Object value, RenderOptions options) {
        int limit = options.maxRows();
        List<Map<String, Object>> rows = new ArrayList<>();
        int total;
        if (value instanceof Map<?, ?> map) {
            total = map.size();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (rows.size() == limit) {
                    break;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", entry.getKey());
                row.put("value", entry.getValue());
                rows.add(row);
            }
        } else {
            Collection<?> collection = (Collection<?>) value;
            total = collection.size();
            for (Object element : collection) {
                if (rows.size() == limit) {
                    break;
                }
                rows.add(Rows.fields(element));
            }
        }
        return new MimeBundle(Map.of(MimeBundle.HTML, html(rows, total)), Map.of());
    }

    private static String html(List<Map<String, Object>> rows, int total) {
        List<String> columns = Rows.columns(rows);
        StringBuilder html = new StringBuilder("<table class=\"hearth-table\">\n<thead><tr>");
        for (String column : columns) {
            html.append("<th>").append(escape(column)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (Map<String, Object> row : rows) {
            html.append("<tr>");
            for (String column : columns) {
                html.append("<td>").append(row.containsKey(column) ? escape(cell(row.get(column))) : "").append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>");
        if (total > rows.size()) {
            int more = total - rows.size();
            html.append("\n<p><i>").append(String.format(java.util.Locale.ROOT, "%,d", more)).append(more == 1 ? " more row" : " more rows")
                    .append(" (display.max.rows is ").append(rows.size()).append(")</i></p>");
        }
        return html.toString();
    }

    private static String cell(Object value) {
        String text = String.valueOf(value);
        return text.length() <= MAX_CELL_CHARS ? text : text.substring(0, MAX_CELL_CHARS) + "…";
    }

    private static String escape(String text) {
        return Entities.escape(text);
    }
}
