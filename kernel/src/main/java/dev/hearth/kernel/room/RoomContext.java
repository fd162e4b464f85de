package dev.hearth.kernel.room;

import dev.hearth.kernel.cell.CellHistory;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.config.ConfigKey;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.eval.Evaluator;
import dev.hearth.kernel.magic.CodeRunner;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.MagicRegistry;

import java.util.List;

/** What a {@link Room} sees of the session while it is installed, and how it contributes. */
public interface RoomContext {

    /** The session's settings (file, environment, {@code %config}). */
    HearthConfig config();

    /** The running cell, for objects that cell code calls without a context of its own. */
    CellScope cells();

    /** The Java session. */
    Evaluator evaluator();

    /** Earlier cells' code, results and errors. */
    CellHistory history();

    /** Runs cell text, for magics that wrap other code ({@code %time}). */
    CodeRunner codeRunner();

    /** The magics registered so far (for {@code %help}). */
    MagicRegistry magics();

    /** Makes settings known to {@code %config}, with their help and default. */
    RoomContext declare(ConfigKey... keys);

    /** Registers magics. */
    RoomContext magic(Magic... magics);

    /** Declares a variable every cell sees, holding {@code value}: {@code memory}, {@code actions}, ... */
    <T> RoomContext bind(String name, Class<T> type, T value);

    /** Java run in every session after the bindings, e.g. functions that forward to a bound object. */
    RoomContext declareInCells(String javaSource);

    /**
     * Offers {@code contribution} to the rooms installed later, under {@code kind}: a service
     * ({@code Memory.class}), or one of many plug-ins ({@code PromptSource.class}, {@code ToolHook.class}).
     */
    <T> RoomContext offer(Class<T> kind, T contribution);

    /** Everything offered under {@code kind} so far, in order. */
    <T> List<T> offered(Class<T> kind);

    /**
     * The one service an earlier room offered under {@code kind}.
     *
     * @throws IllegalStateException when none or several were offered (the rooms are out of order)
     */
    default <T> T service(Class<T> kind) {
        List<T> all = offered(kind);
        if (all.size() != 1) {
            throw new IllegalStateException("expected one " + kind.getSimpleName() + " in the session, found "
                    + all.size() + ": install the room that offers it first");
        }
        return all.get(0);
    }

    /** Closes {@code resource} when the session ends (in reverse order of installation). */
    RoomContext closeAtShutdown(AutoCloseable resource);
}
