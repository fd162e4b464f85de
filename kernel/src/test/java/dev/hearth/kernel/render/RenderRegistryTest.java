package dev.hearth.kernel.render;

import dev.hearth.api.MimeBundle;
import dev.hearth.api.RenderOptions;
import dev.hearth.api.Renderer;
import dev.hearth.api.RichDisplay;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderRegistryTest {

    record Point(int x, int y) {
    }

    /** Renders every {@link Point}, as a plugin's renderer would. */
    static final class PointRenderer implements Renderer {
        @Override
        public boolean accepts(Object value) {
            return value instanceof Point;
        }

        @Override
        public MimeBundle render(Object value, RenderOptions options) {
            Point p = (Point) value;
            return new MimeBundle(Map.of(MimeBundle.HTML, "<b>(" + p.x() + ", " + p.y() + ")</b>"), Map.of());
        }
    }

    static final class Throwing implements Renderer {
        @Override
        public boolean accepts(Object value) {
            return value instanceof Point;
        }

        @Override
        public MimeBundle render(Object value, RenderOptions options) {
            throw new IllegalStateException("no ink");
        }
    }

    private final RenderRegistry registry = RenderRegistry.standard(() -> RenderOptions.DEFAULTS);

    @Test
    void aSourcesRendererShowsItsTypeAndTheValuesTextIsKept() {
        registry.addSource(() -> List.of(new PointRenderer()));
        MimeBundle bundle = registry.toBundle(new Point(1, 2), "Point[x=1, y=2]");
        assertEquals("<b>(1, 2)</b>", bundle.data().get(MimeBundle.HTML));
        assertEquals("Point[x=1, y=2]", bundle.plainText());
    }

    @Test
    void sourcesComeBeforeTheBuiltInsAndAfterTheValuesOwnDisplay() {
        registry.addSource(() -> List.of(new PointRenderer()));
        List<Renderer> order = registry.renderers();
        assertEquals(List.of("OwnDisplay", "PointRenderer", "ChartRenderer", "ImageRenderer", "TableRenderer"),
                order.stream().map(r -> r.getClass().getSimpleName()).toList());
        RichDisplay own = () -> MimeBundle.markdown("**mine**");
        assertEquals("**mine**", registry.toBundle(own, "x").data().get(MimeBundle.MARKDOWN));
    }

    @Test
    void aSourceIsReadAtEachValue() {
        AtomicInteger reads = new AtomicInteger();
        registry.addSource(() -> reads.incrementAndGet() > 1 ? List.of(new PointRenderer()) : List.of());
        assertFalse(registry.toBundle(new Point(1, 2), "p").data().containsKey(MimeBundle.HTML), "not loaded yet");
        assertTrue(registry.toBundle(new Point(1, 2), "p").data().containsKey(MimeBundle.HTML), "loaded now");
    }

    @Test
    void aThrowingRendererFallsBackToTextAndSaysSo() {
        registry.addSource(() -> List.of(new Throwing(), new PointRenderer()));
        MimeBundle bundle = registry.toBundle(new Point(1, 2), "Point[x=1, y=2]");
        assertEquals(List.of(MimeBundle.TEXT), List.copyOf(bundle.data().keySet()));
        assertEquals("Point[x=1, y=2]\n[shown as text: renderer " + Throwing.class.getName()
                + " failed: IllegalStateException: no ink]", bundle.plainText());
    }

    @Test
    void plainValuesStayText() {
        assertEquals(Map.of(MimeBundle.TEXT, "\"hi\""), registry.toBundle("hi", "\"hi\"").data());
        assertEquals(Map.of(MimeBundle.TEXT, "[1, 2]"), registry.toBundle(List.of(1, 2), "[1, 2]").data());
        assertEquals(Map.of(MimeBundle.TEXT, "null"), registry.toBundle(null, null).data());
    }
}
