package dev.hearth.kernel.render;

import dev.hearth.api.chart.Chart;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;

/** A {@link Chart} drawn as a PNG with JFreeChart (headless), from the same rows as its Vega-Lite form. */
final class ChartImages {

    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

    private ChartImages() {
    }

    /** The chart as PNG bytes, at its width and height. */
    static byte[] png(Chart chart) {
        JFreeChart drawn = switch (chart.kind()) {
            case LINE -> chart.xScale() == Chart.Scale.NOMINAL ? categoryLine(chart) : xy(chart, true);
            case SCATTER -> xy(chart, false);
            case BAR -> bar(chart);
            case HISTOGRAM -> histogram(chart);
        };
        drawn.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(png, drawn, chart.width(), chart.height());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static String seriesOf(Chart chart, Map<String, Object> row) {
        return chart.series() == null ? chart.yTitle() : String.valueOf(row.get(chart.series()));
    }

    private static JFreeChart xy(Chart chart, boolean lines) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        boolean temporal = chart.xScale() == Chart.Scale.TEMPORAL;
        for (Map<String, Object> row : chart.data()) {
            Object x = row.get(chart.x());
            double xValue = temporal ? Chart.instant(x).toEpochMilli() : ((Number) x).doubleValue();
            series.computeIfAbsent(seriesOf(chart, row), key -> new XYSeries(key, false, true))
                    .add(xValue, (Number) row.get(chart.y()));
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        series.values().forEach(dataset::addSeries);
        boolean legend = chart.series() != null;
        JFreeChart drawn = lines
                ? ChartFactory.createXYLineChart(chart.title(), chart.xTitle(), chart.yTitle(), dataset,
                        PlotOrientation.VERTICAL, legend, false, false)
                : ChartFactory.createScatterPlot(chart.title(), chart.xTitle(), chart.yTitle(), dataset,
                        PlotOrientation.VERTICAL, legend, false, false);
        XYPlot plot = drawn.getXYPlot();
        if (temporal) {
            DateAxis axis = new DateAxis(chart.xTitle());
            axis.setTimeZone(TimeZone.getTimeZone("UTC")); // as the Vega-Lite form draws it
            plot.setDomainAxis(axis);
        }
        if (lines) {
            plot.setRenderer(new XYLineAndShapeRenderer(true, true));
        }
        style(plot);
        return drawn;
    }

    private static DefaultCategoryDataset categories(Chart chart) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Map<String, Object> row : chart.data()) {
            dataset.addValue((Number) row.get(chart.y()), seriesOf(chart, row), String.valueOf(row.get(chart.x())));
        }
        return dataset;
    }

    private static JFreeChart categoryLine(Chart chart) {
        JFreeChart drawn = ChartFactory.createLineChart(chart.title(), chart.xTitle(), chart.yTitle(),
                categories(chart), PlotOrientation.VERTICAL, chart.series() != null, false, false);
        CategoryPlot plot = drawn.getCategoryPlot();
        LineAndShapeRenderer renderer = (LineAndShapeRenderer) plot.getRenderer();
        renderer.setDefaultShapesVisible(true);
        style(plot);
        return drawn;
    }

    private static JFreeChart bar(Chart chart) {
        JFreeChart drawn = ChartFactory.createBarChart(chart.title(), chart.xTitle(), chart.yTitle(),
                categories(chart), PlotOrientation.VERTICAL, chart.series() != null, false, false);
        CategoryPlot plot = drawn.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        style(plot);
        return drawn;
    }

    private static JFreeChart histogram(Chart chart) {
        XYIntervalSeries bins = new XYIntervalSeries(chart.yTitle());
        for (Map<String, Object> row : chart.data()) {
            double start = ((Number) row.get(chart.x())).doubleValue();
            double end = ((Number) row.get("end")).doubleValue();
            double count = ((Number) row.get(chart.y())).doubleValue();
            bins.add((start + end) / 2, start, end, count, count, count);
        }
        XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
        dataset.addSeries(bins);
        JFreeChart drawn = ChartFactory.createXYBarChart(chart.title(), chart.xTitle(), false, chart.yTitle(),
                dataset, PlotOrientation.VERTICAL, false, false, false);
        XYPlot plot = drawn.getXYPlot();
        XYBarRenderer renderer = (XYBarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(true);
        renderer.setDefaultOutlinePaint(Color.WHITE);
        style(plot);
        return drawn;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
    }

    private static void style(CategoryPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
    }
}
