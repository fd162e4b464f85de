package dev.hearth.kernel.render;

import dev.hearth.api.MimeBundle;
import dev.hearth.api.RenderOptions;
import dev.hearth.api.Renderer;
import dev.hearth.api.chart.Chart;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Chart} as Vega-Lite (interactive in JupyterLab and VS Code) with a PNG drawn by
 * {@link ChartImages} for front ends without Vega-Lite (Notebook 6, nbconvert, GitHub). When the
 * image cannot be drawn the chart still shows, and its text says why the image is missing.
 */
final class ChartRenderer implements Renderer {

    private static final System.Logger LOG = System.getLogger(ChartRenderer.class.getName());

    @Override
    public boolean accepts(Object value) {
        return value instanceof Chart;
    }

    @Override
    public MimeBundle render(Object value, RenderOptions options) {
        Chart chart = (Chart) value;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(MimeBundle.VEGA_LITE, chart.toVegaLite());
        String text = chart.toString();
        try {
            data.put(MimeBundle.PNG, java.util.Base64.getEncoder().encodeToString(ChartImages.png(chart)));
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "drawing " + chart + " failed", e);
            text += "\n[no static image: " + RenderRegistry.describe(e) + "]";
        }
        data.put(MimeBundle.TEXT, text);
        return new MimeBundle(data, Map.of());
    }
}
