package dev.hearth.kernel.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.api.MimeBundle;
import dev.hearth.api.RenderOptions;
import dev.hearth.api.chart.Chart;
import dev.hearth.kernel.json.Json;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartRendererTest {

    record Sale(LocalDate day, String shop, double total) {
    }

    private static final List<Sale> SALES = List.of(new Sale(LocalDate.of(2024, 5, 1), "north", 10),
            new Sale(LocalDate.of(2024, 5, 2), "north", 12), new Sale(LocalDate.of(2024, 5, 1), "south", 4));

    private final ChartRenderer charts = new ChartRenderer();

    private static BufferedImage png(MimeBundle bundle) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) bundle.data().get(MimeBundle.PNG))));
    }

    @Test
    void everyKindIsVegaLiteJsonWithAPngOfTheChartsSize() throws Exception {
        List<Chart> all = List.of(Chart.line(List.of(1, 2, 3), List.of(3, 1, 2)).title("Load"),
                Chart.line(List.of("Jan", "Feb"), List.of(3, 4)),
                Chart.line(SALES, "day", "total").by("shop"),
                Chart.bar(SALES, "shop", "total"),
                Chart.scatter(SALES, "day", "total"),
                Chart.histogram(List.of(1.5, 2.5, 2.0, 9.0), 4).size(300, 200));
        for (Chart chart : all) {
            MimeBundle bundle = charts.render(chart, RenderOptions.DEFAULTS);
            JsonNode spec = Json.mapper().readTree(Json.mapper().writeValueAsString(bundle.data().get(MimeBundle.VEGA_LITE)));
            assertTrue(spec.path("data").path("values").isArray() && spec.path("data").path("values").size() > 0, chart.toString());
            assertTrue(spec.path("mark").path("type").isTextual(), chart.toString());
            assertTrue(spec.path("encoding").path("x").path("field").isTextual()
                    && spec.path("encoding").path("y").path("field").isTextual(), chart.toString());
            BufferedImage image = png(bundle);
            assertEquals(chart.width(), image.getWidth(), chart.toString());
            assertEquals(chart.height(), image.getHeight(), chart.toString());
            assertEquals(chart.toString(), bundle.plainText());
        }
    }

    @Test
    void thePngIsReallyDrawn() throws Exception {
        BufferedImage image = png(charts.render(Chart.bar(List.of("a", "b"), List.of(5, 9)), RenderOptions.DEFAULTS));
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 5, "bars, axes and text, not a blank image: " + colours.size() + " colours");
    }
}
