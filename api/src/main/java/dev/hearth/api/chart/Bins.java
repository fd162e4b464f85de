package dev.hearth.api.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Equal-width bins for a histogram, counted here so the interactive chart and the image agree. */
final class Bins {

    static final String START = "start";
    static final String END = "end";
    static final String COUNT = "count";

    private Bins() {
    }

    /** One row per bin ({@code start}, {@code end}, {@code count}) from the smallest to the largest value. */
    static List<Map<String, Object>> count(List<Number> values, int bins) {
        if (bins < 1 || bins > 1000) {
            throw new IllegalArgumentException("a histogram has 1 to 1000 bins, not " + bins);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        List<Double> finite = new ArrayList<>();
        for (Number n : values) {
            double v = n.doubleValue();
            if (Double.isFinite(v)) {
                finite.add(v);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (finite.isEmpty()) {
            return List.of();
        }
        double width = max > min ? (max - min) / bins : 1;
        long[] counts = new long[bins];
        for (double v : finite) {
            counts[Math.min(bins - 1, (int) ((v - min) / width))]++;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(START, min + i * width);
            row.put(END, i == bins - 1 && max > min ? max : min + (i + 1) * width);
            row.put(COUNT, counts[i]);
            rows.add(java.util.Collections.unmodifiableMap(row));
        }
        return List.copyOf(rows);
    }
}
