package dev.hearth.api.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link Chart} as a Vega-Lite 5 specification. */
final class VegaLite {

    private VegaLite() {
    }

    static Map<String, Object> of(Chart chart) {
        Map<String, Object> spec = new LinkedHashMap<>();
        // no $schema URL: the MIME type (application/vnd.vegalite.v5+json) tells front ends the version
        if (chart.title() != null) {
            spec.put("title", chart.title());
        }
        spec.put("width", chart.width());
        spec.put("height", chart.height());
        spec.put("data", Map.of("values", values(chart)));
        spec.put("mark", mark(chart.kind()));
        spec.put("encoding", encoding(chart));
        return spec;
    }

    private static Map<String, Object> mark(Chart.Kind kind) {
        Map<String, Object> mark = new LinkedHashMap<>();
        mark.put("type", switch (kind) {
            case LINE -> "line";
            case BAR, HISTOGRAM -> "bar";
            case SCATTER -> "point";
        });
        if (kind == Chart.Kind.LINE) {
            mark.put("point", true);
        }
        mark.put("tooltip", true);
        return mark;
    }

    private static Map<String, Object> encoding(Chart chart) {
        Map<String, Object> encoding = new LinkedHashMap<>();
        Map<String, Object> x = channel(chart.x(), chart.xScale(), chart.xTitle());
        if (chart.kind() == Chart.Kind.HISTOGRAM) {
            x.put("bin", Map.of("binned", true));
            encoding.put("x", x);
            encoding.put("x2", Map.of("field", Bins.END));
        } else {
            encoding.put("x", x);
        }
        encoding.put("y", channel(chart.y(), Chart.Scale.QUANTITATIVE, chart.yTitle()));
        if (chart.series() != null) {
            encoding.put("color", channel(chart.series(), Chart.Scale.NOMINAL, chart.series()));
        }
        return encoding;
    }

    private static Map<String, Object> channel(String field, Chart.Scale scale, String title) {
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("field", escape(field));
        channel.put("type", scale.name().toLowerCase(java.util.Locale.ROOT));
        channel.put("title", title);
        if (scale == Chart.Scale.TEMPORAL) {
            channel.put("scale", Map.of("type", "utc"));
        }
        if (scale == Chart.Scale.NOMINAL) {
            channel.put("sort", null); // keep the order the data came in
        }
        return channel;
    }

    /** Vega-Lite reads {@code .} and {@code []} in a field name as nested access. */
    private static String escape(String field) {
        return field.replace("\\", "\\\\").replace(".", "\\.").replace("[", "\\[").replace("]", "\\]");
    }

    private static List<Map<String, Object>> values(Chart chart) {
        List<Map<String, Object>> values = new ArrayList<>();
        for (Map<String, Object> row : chart.data()) {
            Map<String, Object> value = new LinkedHashMap<>();
            for (String field : new String[] {chart.x(), chart.y(), chart.series(),
                    chart.kind() == Chart.Kind.HISTOGRAM ? Bins.END : null}) {
                if (field != null) {
                    value.put(field, json(row.get(field)));
                }
            }
            values.add(value);
        }
        return values;
    }

    /** A JSON-safe value: finite numbers and booleans as they are, dates in ISO form, the rest as text. */
    private static Object json(Object value) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number n) {
            return value instanceof Double || value instanceof Float ? (Double.isFinite(n.doubleValue()) ? n : null) : n;
        }
        if (Chart.isTemporal(value)) {
            return Chart.instant(value).toString();
        }
        return String.valueOf(value);
    }
}
