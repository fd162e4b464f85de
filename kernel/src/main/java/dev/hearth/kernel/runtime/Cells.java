package dev.hearth.kernel.runtime;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.CellHistory;
import dev.hearth.kernel.cell.CurrentCell;
import dev.hearth.kernel.cell.DisplayHandle;
import dev.hearth.kernel.cell.Rendering;

import java.util.Map;

/**
 * What Java cells see without an import (every session starts with
 * {@code import static dev.hearth.kernel.runtime.Cells.*}): rich display and its helpers.
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

    // room: actions
    /** Runs plugin actions: {@code actions.run("web.fetch", Map.of("url", u))}, {@code actions.list()}. */
    public static final dev.hearth.kernel.actions.ActionsFacade actions = dev.hearth.kernel.actions.ActionsFacade.INSTANCE;
    // end room: actions

    // room: ai
    /**
     * The AI facade: {@code ai.ask("...")}, {@code ai.ask(model, "...")}, {@code ai.chat(session, "...")},
     * {@code ai.models()}. Set once by the wiring; the same implementation as {@code %%ai}.
     */
    public static volatile dev.hearth.kernel.ai.Ai ai;
    // /room: ai

    /** The session's cell history, set once by the wiring (not imported into cells). */
    private static volatile CellHistory history;

    /** Gives {@link #out} the session's history; called by the wiring. */
    public static void useHistory(CellHistory sessionHistory) {
        history = sessionHistory;
    }

    /**
     * The result of cell {@code n} of this session (Jupyter's {@code Out[n]}), e.g.
     * {@code int total = out(3);} or {@code List<String> names = out(4);}.
     *
     * @throws IllegalArgumentException when cell {@code n} had no result (or it was {@code null},
     *                                  or more than {@value CellHistory#KEPT_VALUES} cells ago)
     */
    @SuppressWarnings("unchecked")
    public static <T> T out(int n) {
        CellHistory h = history;
        Object value = h == null ? null : h.value(n).orElse(null);
        if (value == null) {
            throw new IllegalArgumentException("Out[" + n + "] has no value: cell " + n
                    + " showed no result in this session (or it was null)");
        }
        return (T) value;
    }

    private static CellContext cell() {
        return CurrentCell.activeOrLast().orElseThrow(() ->
                new IllegalStateException("display(...) works only inside a running cell"));
    }

    /**
     * Shows {@code value} now (a {@link MimeBundle}, a {@link dev.hearth.api.RichDisplay}, or any
     * object as text) and returns a handle for {@link #updateDisplay}.
     */
    public static DisplayHandle display(Object value) {
        return cell().display(Rendering.toBundle(value, null));
    }

    /** Replaces what {@code handle} shows with {@code value}. */
    public static void updateDisplay(DisplayHandle handle, Object value) {
        cell().update(handle, Rendering.toBundle(value, null));
    }

    /** Clears this cell's output. */
    public static void clearOutput() {
        cell().clearOutput(false);
    }

    /** Clears this cell's output when the next output arrives (no flicker when redrawing). */
    public static void clearOutput(boolean wait) {
        cell().clearOutput(wait);
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
