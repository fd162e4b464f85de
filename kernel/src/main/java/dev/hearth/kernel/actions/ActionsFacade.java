package dev.hearth.kernel.actions;

import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.Origin;
import dev.hearth.kernel.cell.CellScope;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code actions} object that Java cells see:
 *
 * <pre>{@code
 * var page = actions.run("web.fetch", Map.of("url", "http://localhost:8080/"));
 * page.text();  page.data();
 * actions.list()   // every action's spec
 * }</pre>
 *
 * Calls run as the user's (not a model's) and are interrupted with the cell.
 */
public final class ActionsFacade {

    private final ActionRegistry registry;
    private final CellScope cells;

    /** The facade of {@code registry}; calls run in the running cell of {@code cells}. */
    public ActionsFacade(ActionRegistry registry, CellScope cells) {
        this.registry = registry;
        this.cells = cells;
    }

    /**
     * Runs the action {@code name} with {@code input} (values of any fitting type, or text).
     *
     * @throws dev.hearth.api.ActionException for an unknown action, bad input or a failure
     */
    public ActionResult run(String name, Map<String, ?> input) {
        return registry.run(name, input, cells.active().orElse(null), Origin.USER);
    }

    /** Runs an action that needs no parameters. */
    public ActionResult run(String name) {
        return run(name, Map.of());
    }

    /** Every action's self-description, sorted by name. */
    public List<ActionSpec> list() {
        return registry.list();
    }

    /** The action names, one synopsis a line. */
    @Override
    public String toString() {
        return list().stream().map(ActionSpec::synopsis).collect(Collectors.joining("\n"));
    }
}
