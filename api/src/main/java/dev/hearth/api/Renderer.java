package dev.hearth.api;

import org.pf4j.ExtensionPoint;

/**
 * Shows values of some kind in a notebook: a cell's result, a {@code display(...)} call or an
 * action's data. Hearth asks its renderers in order; the first that {@linkplain #accepts accepts} a
 * value makes its {@link MimeBundle}. The order is: the value's own display ({@link MimeBundle},
 * {@link RichDisplay}), then plugins' renderers, then Hearth's automatic ones (charts, images,
 * tables of records, beans and maps), then the value's text.
 *
 * <p>In a plugin, implement this interface in a public class with a public no-argument
 * constructor and annotate it with {@code @org.pf4j.Extension}, exactly like an {@link Action}.
 * One instance serves every value, possibly from several threads: keep it stateless.
 *
 * <pre>{@code
 * @Extension
 * public final class ReadingRenderer implements Renderer {
 *     public boolean accepts(Object value) { return value instanceof Reading; }
 *     public MimeBundle render(Object value, RenderOptions options) {
 *         Reading r = (Reading) value;
 *         return MimeBundle.html("<b>" + r.celsius() + " °C</b>", r.celsius() + " °C");
 *     }
 * }
 * }</pre>
 *
 * <p>A renderer that throws never breaks the cell: Hearth shows the value as text and says which
 * renderer failed.
 */
public interface Renderer extends ExtensionPoint {

    /**
     * Whether this renderer shows {@code value} (never {@code null}). Called for every result, so
     * keep it cheap: an {@code instanceof} or a class-name check.
     */
    boolean accepts(Object value);

    /**
     * The bundle for an accepted value. Keep {@code text/plain} in it for consoles and logs (Hearth
     * adds the value's text when it is missing).
     *
     * @param value   a value {@link #accepts} said yes to
     * @param options the session's display settings (row limit, ...)
     * @return the bundle, or {@code null} to let the next renderer try
     * @throws Exception on failure: the value is then shown as text with a short note
     */
    MimeBundle render(Object value, RenderOptions options) throws Exception;
}
