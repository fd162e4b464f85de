package dev.hearth.kernel.actions;

import dev.hearth.api.Action;

import java.util.List;
import java.util.Optional;

/**
 * Actions that do not come from a PF4J plugin, such as the tools of an MCP server. A room installed
 * before the actions room offers one ({@code room.offer(ActionSource.class, source)}); the
 * {@link ActionRegistry} lists and runs its actions like any other, after the plugins' (a plugin's
 * action wins over a source's action of the same name).
 */
public interface ActionSource {

    /** Every action this source can run now; what it cannot reach (a server that fails to start) is left out. */
    List<Action> actions();

    /**
     * The action named {@code name}, if this source has it.
     *
     * @throws dev.hearth.api.ActionException when the action belongs to this source but cannot be
     *                                        reached now, saying why (a server that failed to start)
     */
    default Optional<Action> find(String name) {
        return actions().stream().filter(a -> a.spec().name().equals(name)).findFirst();
    }
}
