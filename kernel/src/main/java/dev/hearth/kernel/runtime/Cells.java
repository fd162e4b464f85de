package dev.hearth.kernel.runtime;

import dev.hearth.api.MimeBundle;

import java.util.Map;

/**
 * The stateless helpers Java cells see without an import (every session starts with
 * {@code import static dev.hearth.kernel.runtime.Cells.*}); {@link RuntimeRoom} adds
 * {@code display}, {@code updateDisplay}, {@code clearOutput} and {@code out}.
 *
 * <pre>{@code
 * var h = display(markdown("**working**"));
 * updateDisplay(h, markdown("**done**"));
 * html("<b>bold</b>")            // as a cell's last expression, shows as HTML
 * int total = out(3);             // the result of cell 3 (Jupyter's Out[3])
 * }</pre>
 */
public final class Cells {

    private Cells() {
    }

    /** HTML to display. */
    public static MimeBundle html(String html) {
        return MimeBundle.html(html);
    }

    /** Markdown to display. */
    public static MimeBundle markdown(String markdown) {
        return MimeBundle.markdown(markdown);
    }

    /** A PNG image to display. */
    public static MimeBundle png(byte[] png) {
        return MimeBundle.png(png);
    }

    /** A JSON value (maps, lists, strings, numbers) to display as a tree. */
    public static MimeBundle json(Object value) {
        return MimeBundle.json(value, String.valueOf(value));
    }

    /** Any MIME bundle, e.g. {@code bundle(Map.of("text/html", "<b>x</b>", "text/plain", "x"))}. */
    public static MimeBundle bundle(Map<String, Object> data) {
        return new MimeBundle(data, Map.of());
    }
}
