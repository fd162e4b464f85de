package dev.hearth.api.chart;

import dev.hearth.api.Rows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chart for a notebook cell: line, bar, scatter or histogram, from Java collections or from a
 * list of records, beans or maps by field name. As a cell's result (or through
 * {@code display(...)}) it shows as an interactive Vega-Lite chart in JupyterLab and VS Code, with
 * a PNG for Notebook 6, nbconvert and GitHub.
 *
 * <pre>{@code
 * Chart.line(List.of(1, 2, 3, 4), List.of(3.5, 4.1, 3.9, 5.2)).title("Load")
 * record Sale(String month, String shop, double total) {}
 * Chart.bar(sales, "month", "total").by("shop").title("Sales by month")
 * Chart.scatter(heights, weights).xTitle("height (cm)").yTitle("weight (kg)")
 * Chart.histogram(latencies, 20).title("Latency")
 * }</pre>
 *
 * <p>Charts are immutable: {@link #title}, {@link #by} and the others return a new chart. Bad
 * input (a field no row has, a {@code y} that is not a number, lists of different lengths) fails
 * at once, with a message naming the field and row.
 */
public final class Chart {

    /** The kind of chart. */
    public enum Kind {
        /** Points joined by lines, in the order given. */
        LINE,
        /** One bar per category, in the order given. */
        BAR,
        /** Points only. */
        SCATTER,
        /** Counts of values in equal-width bins. */
        HISTOGRAM
    }

    /** How the {@code x} values are read. */
    public enum Scale {
        /** Numbers. */
        QUANTITATIVE,
        /** Dates and times (see {@link Chart#isTemporal}). */
        TEMPORAL,
        /** Categories, as text, in the order given. */
        NOMINAL
    }

    /**
     * Most points a chart takes: the data travels inside the notebook (as Vega-Lite JSON) and is drawn
     * by the browser, so more would make the notebook slow; sample or aggregate first, or use a
     * histogram (which takes any number of values).
     */
    public static final int MAX_POINTS = 100_000;

    /** Bins of a histogram when none are given. */
    public static final int DEFAULT_BINS = 10;

    private final Kind kind;
    private final List<Map<String, Object>> data;
    private final String x;
    private final String y;
    private final String series;
    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final int width;
    private final int height;

    private Chart(Kind kind, List<Map<String, Object>> data, String x, String y, String series, String title,
                  String xTitle, String yTitle, int width, int height) {
        this.kind = kind;
        this.data = data;
        this.x = x;
        this.y = y;
        this.series = series;
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.width = width;
        this.height = height;
    }

    private static Chart of(Kind kind, List<Map<String, Object>> data, String x, String y) {
        if (data.size() > MAX_POINTS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%,d points are more than a chart shows (%,d): sample or "
                    + "aggregate them first, or draw a Chart.histogram", data.size(), MAX_POINTS));
        }
        Chart chart = new Chart(kind, data, x, y, null, null, null, null, 600, 360);
        chart.checkNumbers(y);
        if (kind == Kind.SCATTER && chart.xScale() == Scale.NOMINAL) {
            throw new IllegalArgumentException("a scatter chart needs numbers or dates for x; use Chart.bar or "
                    + "Chart.line for categories");
        }
        return chart;
    }

    /** A line through {@code ys}, with x = 0, 1, 2, ... */
    public static Chart line(Collection<? extends Number> ys) {
        List<Integer> xs = new ArrayList<>();
        for (int i = 0; i < ys.size(); i++) {
            xs.add(i);
        }
        return line(xs, ys);
    }

    /** A line through the points ({@code xs[i]}, {@code ys[i]}); x may be numbers, dates or categories. */
    public static Chart line(Collection<?> xs, Collection<? extends Number> ys) {
        return of(Kind.LINE, zip(xs, ys), "x", "y");
    }

    /** A line through each row's {@code xField} and {@code yField} (rows are records, beans or maps). */
    public static Chart line(Collection<?> rows, String xField, String yField) {
        return of(Kind.LINE, fields(rows, xField, yField), xField, yField);
    }

    /** One bar per category with its value. */
    public static Chart bar(Collection<?> categories, Collection<? extends Number> values) {
        return of(Kind.BAR, zip(categories, values), "x", "y");
    }

    /** One bar per key of {@code values}, in the map's order (e.g. counts by word). */
    public static Chart bar(Map<?, ? extends Number> values) {
        return bar(values.keySet(), values.values());
    }

    /** One bar per row: its {@code categoryField} and {@code valueField}. */
    public static Chart bar(Collection<?> rows, String categoryField, String valueField) {
        return of(Kind.BAR, fields(rows, categoryField, valueField), categoryField, valueField);
    }

    /** Points ({@code xs[i]}, {@code ys[i]}); x must be numbers or dates. */
    public static Chart scatter(Collection<?> xs, Collection<? extends Number> ys) {
        return of(Kind.SCATTER, zip(xs, ys), "x", "y");
    }

    /** One point per row: its {@code xField} and {@code yField}. */
    public static Chart scatter(Collection<?> rows, String xField, String yField) {
        return of(Kind.SCATTER, fields(rows, xField, yField), xField, yField);
    }

    /** A histogram of {@code values} in {@value #DEFAULT_BINS} bins. */
    public static Chart histogram(Collection<? extends Number> values) {
        return histogram(values, DEFAULT_BINS);
    }

    /** A histogram of {@code values} in {@code bins} equal-width bins from the smallest to the largest value. */
    public static Chart histogram(Collection<? extends Number> values, int bins) {
        return new Chart(Kind.HISTOGRAM, Bins.count(numbers(values, "value"), bins), Bins.START, Bins.COUNT,
                null, null, "value", "count", 600, 360);
    }

    /** A histogram of each row's {@code field}. */
    public static Chart histogram(Collection<?> rows, String field, int bins) {
        List<Number> values = new ArrayList<>();
        for (Map<String, Object> row : fields(rows, field, field)) {
            values.add(number(row.get(field), field, values.size()));
        }
        return histogram(values, bins).xTitle(field);
    }

    /** A histogram of each row's {@code field} in {@value #DEFAULT_BINS} bins. */
    public static Chart histogram(Collection<?> rows, String field) {
        return histogram(rows, field, DEFAULT_BINS);
    }

    /** This chart with a title. */
    public Chart title(String title) {
        return new Chart(kind, data, x, y, series, title, xTitle, yTitle, width, height);
    }

    /** This chart with a title for the x axis (default: the x field's name). */
    public Chart xTitle(String xTitle) {
        return new Chart(kind, data, x, y, series, title, xTitle, yTitle, width, height);
    }

    /** This chart with a title for the y axis (default: the y field's name). */
    public Chart yTitle(String yTitle) {
        return new Chart(kind, data, x, y, series, title, xTitle, yTitle, width, height);
    }

    /** This chart at {@code width} × {@code height} pixels (default 600 × 360). */
    public Chart size(int width, int height) {
        if (width < 50 || height < 50 || width > 4000 || height > 4000) {
            throw new IllegalArgumentException("a chart is 50 to 4000 pixels wide and high, not " + width + "×" + height);
        }
        return new Chart(kind, data, x, y, series, title, xTitle, yTitle, width, height);
    }

    /**
     * This chart with one line, set of bars or colour of points per value of the rows' {@code field}
     * (only for charts made from rows).
     */
    public Chart by(String field) {
        if (kind == Kind.HISTOGRAM) {
            throw new IllegalArgumentException("a histogram has one series; make one chart per group instead");
        }
        for (Map<String, Object> row : data) {
            if (!row.containsKey(field)) {
                throw new IllegalArgumentException("no field '" + field + "' in the chart's rows (only charts made "
                        + "from records, beans or maps can be split by a field); fields: " + row.keySet());
            }
        }
        return new Chart(kind, data, x, y, field, title, xTitle, yTitle, width, height);
    }

    /** The kind of chart. */
    public Kind kind() {
        return kind;
    }

    /** The rows shown: each holds at least the {@link #x()} and {@link #y()} fields (and {@link #series()}). */
    public List<Map<String, Object>> data() {
        return data;
    }

    /** The field plotted on the x axis (for a histogram, each bin's start; the bin's end is {@code end}). */
    public String x() {
        return x;
    }

    /** The field plotted on the y axis (for a histogram, {@code count}). */
    public String y() {
        return y;
    }

    /** The field that splits the rows into series, or {@code null}. */
    public String series() {
        return series;
    }

    /** The title, or {@code null}. */
    public String title() {
        return title;
    }

    /** The x axis title. */
    public String xTitle() {
        return xTitle != null ? xTitle : x;
    }

    /** The y axis title. */
    public String yTitle() {
        return yTitle != null ? yTitle : y;
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** How the x values are read: bars are always categories; otherwise numbers, dates, else categories. */
    public Scale xScale() {
        if (kind == Kind.BAR) {
            return Scale.NOMINAL;
        }
        if (kind == Kind.HISTOGRAM || data.stream().allMatch(row -> row.get(x) instanceof Number)) {
            return Scale.QUANTITATIVE;
        }
        return data.stream().allMatch(row -> isTemporal(row.get(x))) ? Scale.TEMPORAL : Scale.NOMINAL;
    }

    /**
     * Whether {@code value} is a date or time a chart places on a time axis: an {@link Instant},
     * {@link LocalDate}, {@link LocalDateTime}, {@link OffsetDateTime}, {@link ZonedDateTime} or {@link Date}.
     */
    public static boolean isTemporal(Object value) {
        return value instanceof Instant || value instanceof LocalDate || value instanceof LocalDateTime
                || value instanceof OffsetDateTime || value instanceof ZonedDateTime || value instanceof Date;
    }

    /**
     * Where a {@linkplain #isTemporal temporal} value lies on a time axis; dates and times without
     * a zone are read as UTC, and time axes are drawn in UTC, so a date shows as that date everywhere.
     *
     * @throws IllegalArgumentException when {@code value} is not temporal
     */
    public static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof ZonedDateTime t) {
            return t.toInstant();
        }
        if (value instanceof Date d) {
            return d.toInstant();
        }
        throw new IllegalArgumentException(value + " is not a date or time");
    }

    /** This chart as a Vega-Lite 5 specification (maps, lists, strings and numbers), with the data inline. */
    public Map<String, Object> toVegaLite() {
        return VegaLite.of(this);
    }

    @Override
    public String toString() {
        String name = kind.name().toLowerCase(java.util.Locale.ROOT) + " chart";
        return (title == null ? name : name + " \"" + title + "\"") + " (" + data.size()
                + (kind == Kind.HISTOGRAM ? " bins)" : data.size() == 1 ? " point)" : " points)");
    }

    private void checkNumbers(String field) {
        for (int i = 0; i < data.size(); i++) {
            number(data.get(i).get(field), field, i);
        }
    }

    private static Number number(Object value, String field, int row) {
        if (value instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("'" + field + "' of row " + row + " is "
                + (value == null ? "null" : "a " + value.getClass().getSimpleName() + " (" + value + ")")
                + ", not a number");
    }

    private static List<Number> numbers(Collection<? extends Number> values, String field) {
        List<Number> checked = new ArrayList<>();
        for (Object value : Objects.requireNonNull(values, "values")) {
            checked.add(number(value, field, checked.size()));
        }
        return checked;
    }

    private static List<Map<String, Object>> zip(Collection<?> xs, Collection<? extends Number> ys) {
        if (xs.size() != ys.size()) {
            throw new IllegalArgumentException("x has " + xs.size() + " values but y has " + ys.size()
                    + "; give one y per x");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        Iterator<? extends Number> y = ys.iterator();
        for (Object x : xs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("x", x);
            row.put("y", y.next());
            rows.add(row);
        }
        return List.copyOf(rows);
    }

    private static List<Map<String, Object>> fields(Collection<?> rows, String... names) {
        List<Map<String, Object>> read = new ArrayList<>();
        for (Object row : Objects.requireNonNull(rows, "rows")) {
            if (!Rows.isRow(row)) {
                throw new IllegalArgumentException("row " + read.size() + " is " + (row == null ? "null"
                        : "a " + row.getClass().getSimpleName()) + ", not a record, bean or map; for plain values use "
                        + "the chart's two-collection form");
            }
            Map<String, Object> fields = Rows.fields(row);
            for (String name : names) {
                if (!fields.containsKey(name)) {
                    throw new IllegalArgumentException("row " + read.size() + " has no field '" + name
                            + "'; its fields are " + fields.keySet());
                }
            }
            read.add(java.util.Collections.unmodifiableMap(fields));
        }
        return List.copyOf(read);
    }
}
