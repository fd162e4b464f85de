package dev.hearth.kernel.runtime;

import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.CellHistory;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.cell.DisplayHandle;
import dev.hearth.kernel.cell.Rendering;

/**
 * The session side of the functions every cell has ({@code display}, {@code updateDisplay},
 * {@code clearOutput}, {@code out}): {@link RuntimeRoom} binds one per session and declares the
 * functions in the Java session as calls to it.
 */
public final class CellRuntime {

    private final CellScope cells;
    private final CellHistory history;
    private final Rendering rendering;

    CellRuntime(CellScope cells, CellHistory history, Rendering rendering) {
        this.cells = cells;
        this.history = history;
        this.rendering = rendering;
    }

    private CellContext cell() {
        return cells.activeOrLast().orElseThrow(() ->
                new IllegalStateException("display(...) works only inside a running cell"));
    }

    /**
     * Shows {@code value} now, as the session's renderers show it (a {@link dev.hearth.api.MimeBundle},
     * a {@link dev.hearth.api.RichDisplay}, a chart, an image, a table, or any object as text) and
     * returns a handle for {@link #updateDisplay}.
     */
    public DisplayHandle display(Object value) {
        return cell().display(rendering.toBundle(value, null));
    }

    /** Replaces what {@code handle} shows with {@code value}. */
    public void updateDisplay(DisplayHandle handle, Object value) {
        cell().update(handle, rendering.toBundle(value, null));
    }

    /** Clears this cell's output; with {@code wait}, when the next output arrives (no flicker when redrawing). */
    public void clearOutput(boolean wait) {
        cell().clearOutput(wait);
    }

    /**
     * The result of cell {@code n} of this session (Jupyter's {@code Out[n]}).
     *
     * @throws IllegalArgumentException when cell {@code n} had no result (or it was {@code null},
     *                                  or more than {@value CellHistory#KEPT_VALUES} cells ago)
     */
    @SuppressWarnings("unchecked")
    public <T> T out(int n) {
        Object value = history.value(n).orElse(null);
        if (value == null) {
            throw new IllegalArgumentException("Out[" + n + "] has no value: cell " + n
                    + " showed no result in this session (or it was null)");
        }
        return (T) value;
    }

    @Override
    public String toString() {
        return "the Hearth cell runtime (display, updateDisplay, clearOutput, out)";
    }
}
