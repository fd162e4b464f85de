package dev.hearth.kernel.actions;

import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.Origin;
import dev.hearth.kernel.cell.CurrentCell;

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

    /** The one instance, bound by the kernel's wiring. */
    public static final ActionsFacade INSTANCE = new ActionsFacade();

    private volatile ActionRegistry registry;

    private ActionsFacade() {
    }

    /** Connects the facade to the kernel's registry (done once by the wiring). */
    public static void install(ActionRegistry registry) {
        INSTANCE.registry = registry;
    }

    private ActionRegistry registry() {
        ActionRegistry current = registry;
        if (current == null) {
            throw new IllegalStateException("actions are not available in this session");
        }
        return current;
    }

    /**
     * Runs the action {@code name} with {@code input} (values of any fitting type, or text).
     *
     * @throws dev.hearth.api.ActionException for an unknown action, bad input or a failure
     */
    public ActionResult run(String name, Map<String, ?> input) {
        return registry().run(name, input, CurrentCell.active().orElse(null), Origin.USER);
    }

    /** Runs an action that needs no parameters. */
    public ActionResult run(String name) {
        return run(name, Map.of());
    }

    /** Every action's self-description, sorted by name. */
    public List<ActionSpec> list() {
        return registry().list();
    }

    /** The action names, one synopsis a line. */
    @Override
    public String toString() {
        return registry == null ? "actions (not available)"
                : list().stream().map(ActionSpec::synopsis).collect(Collectors.joining("\n"));
    }
}
