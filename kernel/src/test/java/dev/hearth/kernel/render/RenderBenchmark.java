package dev.hearth.kernel.render;

import dev.hearth.api.RenderOptions;
import dev.hearth.api.chart.Chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the renderers add to showing a result: the first chart of a session (JFreeChart and AWT
 * load), later charts, a table of 100,000 records (50 rows shown) and a plain {@code int}, each as
 * the session's {@link RenderRegistry} renders it. Run with {@code bench/render.sh [RUNS]}.
 */
public final class RenderBenchmark {

    private RenderBenchmark() {
    }

    record Person(String name, int age) {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        System.setProperty("java.awt.headless", "true");
        RenderRegistry registry = RenderRegistry.standard(() -> RenderOptions.DEFAULTS);
        Chart chart = Chart.line(List.of(1, 2, 3, 4, 5), List.of(3, 1, 4, 1, 5)).title("bench");
        long start = System.nanoTime();
        registry.toBundle(chart, null);
        System.out.printf(Locale.ROOT, "first chart: %.0f ms%n", (System.nanoTime() - start) / 1e6);
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            people.add(new Person("p" + i, i));
        }
        report("chart (line, 5 points, Vega-Lite + 600x360 PNG)", runs, () -> registry.toBundle(chart, null));
        report("table of 100,000 records", runs, () -> registry.toBundle(people, "[...]"));
        report("int", runs, () -> registry.toBundle(42, "42"));
    }

    private static void report(String what, int runs, Runnable render) {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            render.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%s: median %.3f ms, max %.3f ms (%d runs)%n", what, ms[runs / 2], ms[runs - 1], runs);
    }
}
