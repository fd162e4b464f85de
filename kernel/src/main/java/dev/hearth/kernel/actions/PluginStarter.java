package dev.hearth.kernel.actions;

import dev.hearth.api.Action;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.BackgroundThreads;
import dev.hearth.api.Renderer;
import org.pf4j.DefaultPluginFactory;
import org.pf4j.Plugin;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a plugin's own code at load (its constructor, {@code start()}, its action classes'
 * constructors and {@code spec()}, its renderers' constructors) on a thread of its own, with a deadline. A plugin that misses
 * the deadline is reported as failed and never used; its thread is interrupted and left behind
 * (Java cannot stop it), so the other plugins and the kernel keep working.
 */
final class PluginStarter {

    /** An action made by a plugin, with the spec it gave at load. */
    record Made(Action action, ActionSpec spec) {
    }

    /**
     * What starting one plugin gave.
     *
     * @param failure  why the plugin cannot be used at all, or {@code null} when it started
     * @param actions   the actions it provides
     * @param renderers the renderers it provides
     * @param problems  extension classes that failed (the others work)
     */
    record Outcome(String failure, List<Made> actions, List<Renderer> renderers, List<String> problems) {
        static Outcome failed(String failure) {
            return new Outcome(failure, List.of(), List.of(), List.of());
        }
    }

    private final PluginManager manager;
    private final Duration deadline;

    PluginStarter(PluginManager manager, Duration deadline) {
        this.manager = manager;
        this.deadline = deadline;
    }

    /** Starts {@code plugin} (its dependencies are started already) and makes its actions, within the deadline. */
    Outcome start(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        FutureTask<Outcome> task = new FutureTask<>(() -> {
            manager.startPlugin(id);
            return makeActions(plugin);
        });
        Thread thread = BackgroundThreads.daemon("hearth-plugin-start-" + id).newThread(task);
        thread.start();
        try {
            return task.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            return Outcome.failed("did not finish starting within " + seconds(deadline)
                    + " (its start() or an action's constructor never returned); it is not used. Fix or remove it, "
                    + "then restart the kernel (the stuck thread stays until then)");
        } catch (ExecutionException e) {
            return Outcome.failed(startFailure(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.interrupt();
            return Outcome.failed("loading was interrupted");
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String startFailure(Throwable failure) {
        if (failure instanceof ConstructorFailure constructor) {
            return "failed to start: its plugin class " + constructor.className + " could not be created: "
                    + describe(constructor.getCause());
        }
        return "failed to start: " + describe(failure instanceof InvocationTargetException && failure.getCause() != null
                ? failure.getCause() : failure);
    }

    private Outcome makeActions(PluginWrapper plugin) {
        List<Made> made = new ArrayList<>();
        List<Renderer> renderers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        ClassLoader loader = plugin.getPluginClassLoader();
        for (String className : manager.getExtensionClassNames(plugin.getPluginId())) {
            try {
                Class<?> type = Class.forName(className, true, loader);
                if (Renderer.class.isAssignableFrom(type)) {
                    renderers.add((Renderer) type.getDeclaredConstructor().newInstance());
                }
                if (!Action.class.isAssignableFrom(type)) {
                    continue;
                }
                Action action = (Action) type.getDeclaredConstructor().newInstance();
                ActionSpec spec = Objects.requireNonNull(action.spec(), "spec() returned null");
                made.add(new Made(action, spec));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Throwable cause = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
                problems.add(className + " failed to load: " + describe(cause));
            }
        }
        return new Outcome(null, made, renderers, problems);
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Makes plugin instances and, when a constructor throws, keeps its real cause (PF4J logs it and returns null). */
    static final class Factory extends DefaultPluginFactory {
        @Override
        protected Plugin createInstance(Class<?> pluginClass, PluginWrapper wrapper) {
            try {
                try {
                    return (Plugin) pluginClass.getConstructor(PluginWrapper.class).newInstance(wrapper);
                } catch (NoSuchMethodException e) {
                    return (Plugin) pluginClass.getConstructor().newInstance();
                }
            } catch (InvocationTargetException e) {
                throw new ConstructorFailure(pluginClass.getName(), e.getCause() == null ? e : e.getCause());
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                throw new ConstructorFailure(pluginClass.getName(), e);
            }
        }
    }

    /** A plugin class whose constructor failed, with the cause. */
    private static final class ConstructorFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String className;

        ConstructorFailure(String className, Throwable cause) {
            super(className + " could not be created", cause);
            this.className = className;
        }
    }
}
