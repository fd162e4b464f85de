package dev.hearth.kernel.actions;

import dev.hearth.api.Action;
import dev.hearth.api.ActionCancelledException;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionInput;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.Cancellation;
import dev.hearth.api.NetworkPolicy;
import dev.hearth.api.Origin;
import dev.hearth.api.PolicyHttpAccess;
import dev.hearth.kernel.cell.CellCancellation;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.config.ConfigKey;
import dev.hearth.kernel.config.HearthConfig;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every action Hearth can run, from the plugins the current {@link PluginHost} loaded, and the one
 * place that runs them: it validates the input against the spec, builds the {@link ActionContext}
 * (settings section, cancellation tied to the cell, network policy by origin) and turns unexpected
 * failures into clear errors. {@link #reload()} swaps in a freshly loaded host.
 */
public final class ActionRegistry implements AutoCloseable {

    /** The user's plugins directory ({@code HEARTH_PLUGINS_DIR}). */
    public static final ConfigKey PLUGINS_DIR = ConfigKey.of("plugins.dir",
            "directory of your plugin jars (default HEARTH_HOME/plugins)", null);
    /** Where the bundled plugins are ({@code HEARTH_PLUGINS_BUNDLED}). */
    public static final ConfigKey BUNDLED_DIR = ConfigKey.of("plugins.bundled",
            "directory of the plugins that ship with Hearth (default: plugins/ beside the kernel jar)", null);
    /** Hosts a model may reach although local. */
    public static final ConfigKey MODEL_TRUSTED = ConfigKey.of("web.model.trusted",
            "host:port pairs (comma separated) that a model's web calls may reach although they are local", null);

    private static final System.Logger LOG = System.getLogger(ActionRegistry.class.getName());

    private final HearthConfig config;
    private final String systemVersion;
    private final List<ActionSource> sources;
    private volatile PluginHost host;

    private ActionRegistry(HearthConfig config, String systemVersion, List<ActionSource> sources) {
        this.config = config;
        this.systemVersion = systemVersion;
        this.sources = List.copyOf(sources);
    }

    /** A registry; the plugins are loaded at first use, so they never slow the kernel's start. */
    public static ActionRegistry create(HearthConfig config, String systemVersion) {
        return create(config, systemVersion, List.of());
    }

    /** A registry that also lists and runs the actions of {@code sources} (after the plugins'). */
    public static ActionRegistry create(HearthConfig config, String systemVersion, List<ActionSource> sources) {
        return new ActionRegistry(config, systemVersion, sources);
    }

    /** The user's plugins directory. */
    public Path userDir() {
        return config.get(PLUGINS_DIR.name()).map(Path::of).orElse(config.home().resolve("plugins"));
    }

    /** The bundled plugins directory, if any. */
    public Optional<Path> bundledDir() {
        return config.get(BUNDLED_DIR.name()).map(Path::of).or(ActionRegistry::besideKernelJar);
    }

    private static Optional<Path> besideKernelJar() {
        try {
            Path code = Path.of(ActionRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = code.getParent() == null ? null : code.getParent().resolve("plugins");
            return dir != null && java.nio.file.Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private PluginHost loadHost() {
        PluginHost loaded = PluginHost.load(userDir(), bundledDir().orElse(null), systemVersion);
        loaded.reports().stream().filter(r -> !r.healthy()).forEach(r ->
                LOG.log(System.Logger.Level.WARNING, "plugin " + r.id() + " " + r.state() + ": " + r.reason()));
        return loaded;
    }

    /** Whether the plugins have been loaded yet. */
    public boolean isLoaded() {
        return host != null;
    }

    /** Loads the plugins on a background thread (after the kernel has started), if not loaded yet. */
    public void warmUpInBackground() {
        Thread loader = new Thread(() -> {
            try {
                host();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "loading plugins failed: " + e, e);
            }
        }, "hearth-plugins-loader");
        loader.setDaemon(true);
        loader.setPriority(Thread.MIN_PRIORITY);
        loader.start();
    }

    private PluginHost host() {
        PluginHost current = host;
        if (current == null) {
            synchronized (this) {
                if (host == null) {
                    host = loadHost();
                }
                current = host;
            }
        }
        return current;
    }

    /** Stops every plugin and loads the plugin directories again. */
    public synchronized void reload() {
        PluginHost old = host;
        host = loadHost();
        if (old != null) {
            old.close();
        }
    }

    /** One report per plugin jar found. */
    public List<PluginReport> plugins() {
        return host().reports();
    }

    /** Every action's spec, sorted by name. */
    public List<ActionSpec> list() {
        return allActions().map(Action::spec).collect(Collectors.toMap(ActionSpec::name, s -> s, (plugin, other) -> plugin))
                .values().stream().sorted((a, b) -> a.name().compareTo(b.name())).collect(Collectors.toList());
    }

    /** The action named {@code name}. */
    public Optional<Action> find(String name) {
        return Optional.ofNullable(host().actions().get(name)).map(PluginHost.LoadedAction::action)
                .or(() -> sources.stream().map(source -> source.find(name)).flatMap(Optional::stream).findFirst());
    }

    private java.util.stream.Stream<Action> allActions() {
        return java.util.stream.Stream.concat(host().actions().values().stream().map(PluginHost.LoadedAction::action),
                sources.stream().flatMap(source -> source.actions().stream()));
    }

    /**
     * The action whose {@link ActionSpec#toolName()} is {@code toolName} ({@code web_fetch}), for
     * mapping a model's tool call back to an action.
     */
    public Optional<Action> findByToolName(String toolName) {
        return allActions().filter(a -> a.spec().toolName().equals(toolName)).findFirst();
    }

    /**
     * Validates {@code input} and runs the action.
     *
     * @param cell   the running cell (its interrupt cancels the call), or {@code null}
     * @param origin who asked: a model's calls get the restricted network policy
     * @throws ActionException for an unknown action, bad input (naming the parameter) or a failure
     */
    public ActionResult run(String name, Map<String, ?> input, CellContext cell, Origin origin) {
        Action action = find(name).orElseThrow(() -> new ActionException("unknown action '" + name + "'"
                + suggestion(name) + "; %actions lists them"));
        ActionSpec spec = action.spec();
        ActionInput validated = spec.validate(input);
        Cancellation cancellation = cell == null ? Cancellation.none() : new CellCancellation(cell);
        NetworkPolicy policy = origin == Origin.MODEL
                ? NetworkPolicy.PUBLIC_ONLY.trusting(config.get(MODEL_TRUSTED.name()).map(v ->
                Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()).orElse(List.of()))
                : NetworkPolicy.OPEN;
        String prefix = spec.namespace() + ".";
        ActionContext context = ActionContext.builder()
                .settings(key -> config.get(prefix + key))
                .cancellation(cancellation)
                .logger(System.getLogger("dev.hearth.action." + spec.name()))
                .origin(origin)
                .http(new PolicyHttpAccess(policy, cancellation))
                .build();
        if (cancellation.isCancelled()) {
            throw new ActionCancelledException(name);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(action.getClass().getClassLoader()); // libraries in plugins look up resources this way
        try {
            ActionResult result = action.invoke(validated, context);
            if (result == null) {
                throw new ActionException(name + " returned no result (a bug in its plugin)");
            }
            return result;
        } catch (ActionException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new ActionException(name + " failed unexpectedly: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Runs an action a model asked for: with the restricted network policy, and, when the action
     * has side effects and is not in {@code allowed}, only after the user answers yes to an input
     * request in the notebook ("Allow files.write path=...? [y/N]"). Without a way to ask (no
     * cell, or a front end without stdin, as in a headless run) such a call is refused.
     *
     * @param name    the action's dotted name or its tool name ({@code files_write})
     * @param allowed action names the cell allowed without asking ({@code --allow NAME})
     * @throws ActionException when refused or declined, naming the action and how to allow it
     */
    public ActionResult runForModel(String name, Map<String, ?> input, CellContext cell, java.util.Set<String> allowed) {
        Action action = find(name).or(() -> findByToolName(name)).orElseThrow(() -> new ActionException(
                "unknown action '" + name + "'"));
        ActionSpec spec = action.spec();
        ActionInput validated = spec.validate(input);
        if (spec.sideEffects() && !allowed.contains(spec.name())) {
            String prompt = "Allow " + spec.name() + describe(validated) + "? [y/N] ";
            String answer;
            if (cell == null) {
                throw notAsked(spec);
            }
            try {
                answer = cell.input(prompt, false);
            } catch (dev.hearth.kernel.cell.StdinNotAllowedException e) {
                throw notAsked(spec);
            }
            String a = answer == null ? "" : answer.strip().toLowerCase(java.util.Locale.ROOT);
            if (!a.equals("y") && !a.equals("yes")) {
                throw new ActionException(spec.name() + " was not run: you declined it");
            }
        }
        return run(spec.name(), input, cell, Origin.MODEL);
    }

    private static ActionException notAsked(ActionSpec spec) {
        return new ActionException(spec.name() + " was refused: it has side effects and this session cannot ask you "
                + "for approval (no input); allow it for the cell with --allow " + spec.name());
    }

    private static String describe(ActionInput input) {
        StringBuilder out = new StringBuilder();
        input.values().forEach((k, v) -> {
            String value = String.valueOf(v).replace("\n", "\\n");
            out.append(' ').append(k).append('=').append(value.length() > 60 ? value.substring(0, 57) + "..." : value);
        });
        return out.toString();
    }

    private String suggestion(String name) {
        return host().actions().keySet().stream()
                .filter(known -> known.startsWith(name) || known.endsWith("." + name) || name.startsWith(known))
                .findFirst().map(known -> " (did you mean " + known + "?)").orElse("");
    }

    @Override
    public synchronized void close() {
        if (host != null) {
            host.close();
            host = null;
        }
    }
}
