package dev.hearth.kernel.actions;

import dev.hearth.kernel.deps.MavenResolver;
import dev.hearth.kernel.render.RenderRegistry;
import dev.hearth.kernel.room.Room;
import dev.hearth.kernel.room.RoomContext;

/**
 * The actions room: the plugin host and action registry (plugins load in the background after
 * start, or at first use), the magics {@code %plugins}, {@code %actions} and {@code %act}, the
 * {@code actions} variable of cells, the registry offered to later rooms (the AI room's
 * {@code --tools}), and the plugins' renderers, added to the session's {@link RenderRegistry}.
 * Actions offered as {@link ActionSource}s by earlier rooms (MCP servers) join the plugins'.
 */
public final class ActionsRoom implements Room {

    private final String systemVersion;

    /** A room whose plugins must accept {@code systemVersion} in their {@code Plugin-Requires}. */
    public ActionsRoom(String systemVersion) {
        this.systemVersion = systemVersion;
    }

    @Override
    public void install(RoomContext room) {
        room.declare(ActionRegistry.PLUGINS_DIR, ActionRegistry.BUNDLED_DIR, ActionRegistry.MODEL_TRUSTED,
                ActionRegistry.START_TIMEOUT);
        ActionRegistry registry = ActionRegistry.create(room.config(), systemVersion, room.cells(),
                room.offered(ActionSource.class));
        PluginInstaller installer = room.offered(MavenResolver.class).stream().findFirst()
                .map(resolver -> new PluginInstaller(registry, resolver, systemVersion)).orElse(null);
        room.magic(new PluginsMagic(registry, installer), new ActionsMagic(registry), new ActMagic(registry, room.evaluator()))
                .bind("actions", ActionsFacade.class, new ActionsFacade(registry, room.cells()))
                .offer(ActionRegistry.class, registry)
                .closeAtShutdown(registry);
        // plugins' renderers come after a value's own display and before the built-in ones
        room.offered(RenderRegistry.class).forEach(rendering -> rendering.addSource(registry::renderers));
        // loading plugins takes ~0.5 s of CPU: not while JShell warms up or the first cell runs
        room.evaluator().afterWarmUp(registry::warmUpInBackground);
    }
}
