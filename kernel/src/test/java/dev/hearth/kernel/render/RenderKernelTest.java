package dev.hearth.kernel.render;

import dev.hearth.kernel.actions.PluginJars;
import dev.hearth.kernel.testing.KernelClient;
import dev.hearth.kernel.testing.KernelClient.Exchange;
import dev.hearth.kernel.testing.KernelProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What results look like through the real kernel process: tables, images and charts in
 * {@code execute_result} and {@code display_data}, and a third-party plugin's renderer (a jar
 * built here) showing the plugin's own type, while a plugin renderer that throws leaves the cell working.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderKernelTest {

    @TempDir
    static Path dir;
    private KernelProcess kernel;
    private KernelClient client;

    @BeforeAll
    void start() throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginJars.builder("weather")
                .source("weather.Reading", """
                        package weather;
                        public final class Reading {
                            public final double celsius;
                            public Reading(double celsius) { this.celsius = celsius; }
                            @Override public String toString() { return "Reading " + celsius; }
                        }
                        """)
                .source("weather.NowAction", """
                        package weather;
                        import dev.hearth.api.*;
                        @org.pf4j.Extension
                        public class NowAction implements Action {
                            public ActionSpec spec() {
                                return ActionSpec.builder("weather.now").description("The temperature now.").build();
                            }
                            public ActionResult invoke(ActionInput in, ActionContext ctx) {
                                return ActionResult.of("21.5 °C", new Reading(21.5));
                            }
                        }
                        """)
                .source("weather.ReadingRenderer", """
                        package weather;
                        import dev.hearth.api.*;
                        @org.pf4j.Extension
                        public class ReadingRenderer implements Renderer {
                            public boolean accepts(Object value) { return value instanceof Reading; }
                            public MimeBundle render(Object value, RenderOptions options) {
                                return MimeBundle.html("<b class=\\"reading\\">" + ((Reading) value).celsius + " °C</b>",
                                        ((Reading) value).celsius + " °C");
                            }
                        }
                        """)
                .source("weather.BrokenRenderer", """
                        package weather;
                        import dev.hearth.api.*;
                        @org.pf4j.Extension
                        public class BrokenRenderer implements Renderer {
                            public boolean accepts(Object value) { return value instanceof java.time.Duration; }
                            public MimeBundle render(Object value, RenderOptions options) {
                                throw new IllegalStateException("out of ink");
                            }
                        }
                        """)
                .extensions("weather.NowAction", "weather.ReadingRenderer", "weather.BrokenRenderer")
                .writeTo(plugins, "weather.jar");
        kernel = KernelProcess.start(dir.resolve("home"), Map.of(
                "HEARTH_PLUGINS_BUNDLED", dir.resolve("no-bundled").toString(),
                "HEARTH_PLUGINS_DIR", plugins.toString(),
                "HEARTH_DISPLAY_MAX_ROWS", "3"));
        client = kernel.client();
        assertEquals("ok", client.execute("record Person(String name, int age) {}").status());
    }

    @AfterAll
    void stop() {
        kernel.close();
    }

    private static Map<?, ?> result(Exchange exchange) {
        assertEquals("ok", exchange.status(), exchange.content().toString());
        return (Map<?, ?>) exchange.iopub("execute_result").get(0).content().get("data");
    }

    private static BufferedImage png(Map<?, ?> data) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) data.get("image/png"))));
    }

    @Test
    void aListOfRecordsIsATableAndItsTextStays() {
        Map<?, ?> data = result(client.execute(
                "List.of(new Person(\"Ada\", 36), new Person(\"Alan <T.>\", 41), new Person(\"Grace\", 85), new Person(\"Edsger\", 72))"));
        String html = (String) data.get("text/html");
        assertTrue(html.contains("<th>name</th><th>age</th>"), html);
        assertTrue(html.contains("<td>Alan &lt;T.&gt;</td><td>41</td>"), html);
        assertTrue(html.contains("1 more row (display.max.rows is 3)"), html);
        assertFalse(html.contains("Edsger"), html);
        assertTrue(String.valueOf(data.get("text/plain")).startsWith("[Person[name=Ada, age=36]"), data.toString());
    }

    @Test
    void aMapIsATable() {
        Map<?, ?> data = result(client.execute("new TreeMap<>(Map.of(\"apples\", 3, \"pears\", 5))"));
        String html = (String) data.get("text/html");
        assertTrue(html.contains("<th>key</th><th>value</th>") && html.contains("<td>pears</td><td>5</td>"), html);
        assertEquals("{apples=3, pears=5}", data.get("text/plain"));
    }

    @Test
    void aBufferedImageIsAPng() throws Exception {
        Map<?, ?> data = result(client.execute("""
                var image = new java.awt.image.BufferedImage(8, 5, java.awt.image.BufferedImage.TYPE_INT_RGB);
                image.setRGB(3, 2, 0x00ff00);
                image"""));
        BufferedImage shown = png(data);
        assertEquals(8, shown.getWidth());
        assertEquals(0x00ff00, shown.getRGB(3, 2) & 0xffffff);
        assertEquals("<image, 8×5>", data.get("text/plain"));
    }

    @Test
    void aChartCellGivesVegaLiteAndAPng() throws Exception {
        Map<?, ?> data = result(client.execute(
                "Chart.bar(List.of(new Person(\"Ada\", 36), new Person(\"Alan\", 41)), \"name\", \"age\").title(\"Ages\")"));
        Map<?, ?> spec = (Map<?, ?>) data.get("application/vnd.vegalite.v5+json");
        assertEquals(List.of(Map.of("name", "Ada", "age", 36), Map.of("name", "Alan", "age", 41)),
                ((Map<?, ?>) spec.get("data")).get("values"));
        assertEquals(600, png(data).getWidth());
        assertEquals("bar chart \"Ages\" (2 points)", data.get("text/plain"));

        Exchange displayed = client.execute("display(Chart.histogram(List.of(1, 2, 2, 3)));\n\"done\"");
        Map<?, ?> shown = (Map<?, ?>) displayed.iopub("display_data").get(0).content().get("data");
        assertTrue(shown.containsKey("application/vnd.vegalite.v5+json") && shown.containsKey("image/png"), shown.keySet().toString());
    }

    @Test
    void aBadChartIsAShortErrorAndTheKernelGoesOn() {
        Exchange bad = client.execute("Chart.line(List.of(1, 2), List.of(1))");
        assertEquals("error", bad.status());
        assertTrue(String.valueOf(bad.content().get("evalue")).contains("x has 2 values but y has 1"), bad.content().toString());
        assertEquals("2", client.execute("1 + 1").resultText());
    }

    @Test
    void aPluginsRendererShowsItsOwnType() {
        Map<?, ?> data = result(client.execute("actions.run(\"weather.now\").data()"));
        assertEquals("<b class=\"reading\">21.5 °C</b>", data.get("text/html"));
        assertEquals("21.5 °C", data.get("text/plain"));
    }

    @Test
    void aPluginRendererThatThrowsLeavesTheValueAsTextWithANote() {
        client.execute("%plugins");
        Map<?, ?> data = result(client.execute("java.time.Duration.ofSeconds(90)"));
        assertEquals(List.of("text/plain"), List.copyOf(data.keySet()));
        assertEquals("PT1M30S\n[shown as text: renderer weather.BrokenRenderer failed: IllegalStateException: out of ink]",
                data.get("text/plain"));
        assertEquals("2", client.execute("1 + 1").resultText());
    }
}
