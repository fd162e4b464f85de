package dev.hearth.kernel.runtime;

import dev.hearth.kernel.render.RenderRegistry;
import dev.hearth.kernel.room.Room;
import dev.hearth.kernel.room.RoomContext;

/**
 * What every cell has without an import: the stateless helpers of {@link Cells}
 * ({@code html}, {@code markdown}, ...) by a static import, and {@code display},
 * {@code updateDisplay}, {@code clearOutput} and {@code out} as session functions that call this
 * session's {@link CellRuntime}.
 */
public final class RuntimeRoom implements Room {

    /** The hidden variable holding the session's runtime ({@code $} names are not listed as user variables). */
    static final String VARIABLE = "$hearth";

    private static final String FUNCTIONS = String.join("\n",
            "dev.hearth.kernel.cell.DisplayHandle display(Object value) { return " + VARIABLE + ".display(value); }",
            "void updateDisplay(dev.hearth.kernel.cell.DisplayHandle handle, Object value) { "
                    + VARIABLE + ".updateDisplay(handle, value); }",
            "void clearOutput() { " + VARIABLE + ".clearOutput(false); }",
            "void clearOutput(boolean wait) { " + VARIABLE + ".clearOutput(wait); }",
            "<T> T out(int n) { return " + VARIABLE + ".out(n); }");

    @Override
    public void install(RoomContext room) {
        room.bind(VARIABLE, CellRuntime.class, new CellRuntime(room.cells(), room.history(),
                        room.service(RenderRegistry.class)))
                .declareInCells(FUNCTIONS);
    }
}
