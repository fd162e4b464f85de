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
import dev.hearth.api.Renderer;
import dev.hearth.kernel.cell.CellCancellation;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.config.ConfigKey;
import dev.hearth.kernel.config.HearthConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Every action Hearth can run, from the plugins the current {@link PluginHost} loaded, and the one
 * place that runs them: it validates the input against the spec, builds the {@link ActionContext}
 * (settings section, cancellation tied to the cell, network policy by origin) and turns unexpected
 * failures, errors included, into clear errors naming the action. The plugins load on a thread
 * of their own; a cell that waits for them can be interrupted. {@link #reload()} swaps in a
 * freshly loaded host.
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

    /** How long one plugin may take to start. */
    public static final ConfigKey START_TIMEOUT = ConfigKey.of("plugins.start.timeout",
            "seconds one plugin may take to start before it is reported as failed", "10");

    private static final System.Logger LOG = System.getLogger(ActionRegistry.class.getName());

    /**
     * A model's call of an action with side effects that was refused because nobody could approve
     * it (a headless run), for {@code hearth run} to report.
     *
     * @param action the action's name
     * @param reason the message the model got
     */
    public record Refusal(String action, String reason) {
    }

    private final HearthConfig config;
    private final String systemVersion;
    private final CellScope cells;
    private final List<ActionSource> sources;
    /** The host being loaded or loaded; replaced by {@link #reload()}. */
    private final PluginHostLoading host;
    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();

    private ActionRegistry(HearthConfig config, String systemVersion, CellScope cells, List<ActionSource> sources) {
        this.config = config;
        this.systemVersion = systemVersion;
        this.cells = cells;
        this.sources = List.copyOf(sources);
        this.host = new PluginHostLoading(this::loadHost, cells);
    }

    /**
     * A registry; the plugins are loaded at first use, so they never slow the kernel's start. A
     * call that waits for them ends when the running cell of {@code cells} is interrupted.
     */
    public static ActionRegistry create(HearthConfig config, String systemVersion, CellScope cells) {
        return create(config, systemVersion, cells, List.of());
    }

    /** A registry that also lists and runs the actions of {@code sources} (after the plugins'). */
    public static ActionRegistry create(HearthConfig config, String systemVersion, CellScope cells,
                                        List<ActionSource> sources) {
        return new ActionRegistry(config, systemVersion, cells, sources);
    }

    /** A registry outside a kernel session (tools and tests). */
    public static ActionRegistry create(HearthConfig config, String systemVersion) {
        return create(config, systemVersion, new CellScope());
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

    /** Whether the plugins have been loaded yet. */
    public boolean isLoaded() {
        return host.loaded().isPresent();
    }

    /** Loads the plugins on a background thread (after the kernel has started), if not loaded yet. */
    public void warmUpInBackground() {
        host.start();
    }

    /** The loaded host; waits for the loading, which the running cell's interrupt ends. */
    private PluginHost host() {
        return host.get();
    }

    /** Stops every plugin and loads the plugin directories again (waiting for it, interruptibly). */
    public void reload() {
        host.reload();
    }

    private PluginHost loadHost() {
        Duration deadline = Duration.ofMillis((long) (Double.parseDouble(config.value(START_TIMEOUT)) * 1000));
        PluginHost loaded = PluginHost.load(userDir(), bundledDir().orElse(null), systemVersion, deadline);
        loaded.reports().stream().filter(r -> !r.healthy()).forEach(r ->
                LOG.log(System.Logger.Level.WARNING, "plugin " + r.id() + " " + r.state() + ": " + r.reason()));
        return loaded;
    }

    /**
     * The renderers of the loaded plugins; none while they are still loading (or failed to load).
     * Never waits, so showing a cell's result never waits for the plugins.
     */
    public List<Renderer> renderers() {
        return host.loaded().map(PluginHost::renderers).orElse(List.of());
    }

    /** One report per plugin jar found. */
    public List<PluginReport> plugins() {
        return host().reports();
    }

    /** Every action's spec, sorted by name. */
    public List<ActionSpec> list() {
        return allLoaded().map(PluginHost.LoadedAction::spec)
                .collect(Collectors.toMap(ActionSpec::name, s -> s, (plugin, other) -> plugin)).values().stream()
                .sorted((a, b) -> a.name().compareTo(b.name())).collect(Collectors.toList());
    }

    /** The action named {@code name}. */
    public Optional<Action> find(String name) {
        return loaded(name).map(PluginHost.LoadedAction::action);
    }

    private Optional<PluginHost.LoadedAction> loaded(String name) {
        return Optional.ofNullable(host().actions().get(name))
                .or(() -> sources.stream().map(source -> source.find(name)).flatMap(Optional::stream).findFirst()
                        .map(ActionRegistry::fromSource));
    }

    /** The plugins' actions, then the sources'. */
    private java.util.stream.Stream<PluginHost.LoadedAction> allLoaded() {
        return java.util.stream.Stream.concat(host().actions().values().stream(),
                sources.stream().flatMap(source -> source.actions().stream()).map(ActionRegistry::fromSource));
    }

    private static PluginHost.LoadedAction fromSource(Action action) {
        return new PluginHost.LoadedAction(action, "source " + action.spec().namespace(), action.spec());
    }

    /**
     * The action whose {@link ActionSpec#toolName()} is {@code toolName} ({@code web_fetch}), for
     * mapping a model's tool call back to an action.
     */
    public Optional<Action> findByToolName(String toolName) {
        return loadedByToolName(toolName).map(PluginHost.LoadedAction::action);
    }

    /**
     * The spec an action gave when it loaded, by dotted or tool name: use it rather than asking the
     * action again, so a plugin cannot change its name or drop its side-effect mark after loading.
     */
    public Optional<ActionSpec> spec(String nameOrToolName) {
        return loaded(nameOrToolName).or(() -> loadedByToolName(nameOrToolName)).map(PluginHost.LoadedAction::spec);
    }

    private Optional<PluginHost.LoadedAction> loadedByToolName(String toolName) {
        return allLoaded().filter(a -> a.spec().toolName().equals(toolName)).findFirst();
    }

    /**
     * Validates {@code input} and runs the action. Whatever the action's code throws (errors such
     * as {@code StackOverflowError} included) comes out as an {@link ActionException} naming it.
     *
     * @param cell   the running cell (its interrupt cancels the call), or {@code null}
     * @param origin who asked: a model's calls get the restricted network policy
     * @throws ActionException for an unknown action, bad input (naming the parameter) or a failure
     */
    public ActionResult run(String name, Map<String, ?> input, CellContext cell, Origin origin) {
        PluginHost.LoadedAction loaded = loaded(name).orElseThrow(() -> new ActionException("unknown action '" + name + "'"
                + suggestion(name) + "; %actions lists them"));
        ActionSpec spec = loaded.spec();
        ActionInput validated = spec.validate(input);
        ActionContext context = context(spec, cell, origin);
        if (context.isCancelled()) {
            throw new ActionCancelledException(name);
        }
        return withPluginLoader(loaded, () -> {
            ActionResult result = loaded.action().invoke(validated, context);
            if (result == null) {
                throw new ActionException(name + " returned no result (a bug in plugin " + loaded.pluginId()
                        + "; report it to its author)");
            }
            return result;
        });
    }

    private ActionContext context(ActionSpec spec, CellContext cell, Origin origin) {
        Cancellation cancellation = cell == null ? Cancellation.none() : new CellCancellation(cell);
        NetworkPolicy policy = origin == Origin.MODEL
                ? NetworkPolicy.PUBLIC_ONLY.trusting(config.get(MODEL_TRUSTED.name()).map(v ->
                Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()).orElse(List.of()))
                : NetworkPolicy.OPEN;
        String prefix = spec.namespace() + ".";
        return ActionContext.builder()
                .settings(key -> config.get(prefix + key))
                .cancellation(cancellation)
                .logger(System.getLogger("dev.hearth.action." + spec.name()))
                .origin(origin)
                .http(new PolicyHttpAccess(policy, cancellation))
                .build();
    }

    /** Plugin code that runs in a cell. */
    @FunctionalInterface
    private interface PluginCall<T> {
        T call() throws Exception;
    }

    /** Runs plugin code with the plugin's class loader as the context loader; anything it throws names the action. */
    private static <T> T withPluginLoader(PluginHost.LoadedAction loaded, PluginCall<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loaded.action().getClass().getClassLoader()); // libraries in plugins look up resources this way
        try {
            return call.call();
        } catch (ActionException e) {
            throw e;
        } catch (Throwable e) {
            if (ActionFailures.mustPropagate(e)) {
                throw (Error) e;
            }
            throw ActionFailures.unexpected(loaded.spec().name(), loaded.pluginId(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Runs an action a model asked for: with the restricted network policy, and, when the action
     * has side effects and is not in {@code allowed}, only after the user answers yes to an input
     * request in the notebook that shows what the call will do (see {@link ApprovalPrompt}).
     * Without a way to ask (no cell, or a front end without stdin, as in a headless run) such a
     * call is refused, and remembered in {@link #refusals()}.
     *
     * @param name    the action's dotted name or its tool name ({@code files_write})
     * @param allowed action names the cell allowed without asking ({@code --allow NAME})
     * @throws ActionException when refused or declined, naming the action and how to allow it
     */
    public ActionResult runForModel(String name, Map<String, ?> input, CellContext cell, java.util.Set<String> allowed) {
        PluginHost.LoadedAction loaded = loaded(name).or(() -> loadedByToolName(name)).orElseThrow(() -> new ActionException(
                "unknown action '" + name + "'"));
        ActionSpec spec = loaded.spec();
        ActionInput validated = spec.validate(input);
        if (spec.sideEffects() && !allowed.contains(spec.name())) {
            if (cell == null) {
                throw refused(spec);
            }
            List<String> preview = withPluginLoader(loaded, () -> preview(loaded, validated, context(spec, cell, Origin.MODEL)));
            String answer;
            try {
                answer = cell.input(ApprovalPrompt.of(spec.name(), validated, preview), false);
            } catch (dev.hearth.kernel.cell.StdinNotAllowedException e) {
                throw refused(spec);
            }
            String a = answer == null ? "" : answer.strip().toLowerCase(java.util.Locale.ROOT);
            if (!a.equals("y") && !a.equals("yes")) {
                throw new ActionException(spec.name() + " was not run: you declined it");
            }
        }
        return run(spec.name(), input, cell, Origin.MODEL);
    }

    /** The action's preview; a preview that breaks (not one that refuses) falls back to listing the parameters. */
    private static List<String> preview(PluginHost.LoadedAction loaded, ActionInput input, ActionContext context) {
        try {
            List<String> lines = loaded.action().preview(input, context);
            return lines == null ? List.of() : lines;
        } catch (ActionException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, loaded.spec().name() + ".preview failed; listing its parameters", e);
            return List.of();
        }
    }

    private ActionException refused(ActionSpec spec) {
        ActionException refusal = new ActionException(spec.name() + " was refused: it has side effects and this session "
                + "cannot ask you for approval (no input); allow it for the cell with --allow " + spec.name());
        refusals.add(new Refusal(spec.name(), refusal.getMessage()));
        return refusal;
    }

    /** The model's calls refused because nobody could approve them, since this registry was made (oldest first). */
    public List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    private String suggestion(String name) {
        return host().actions().keySet().stream()
                .filter(known -> known.startsWith(name) || known.endsWith("." + name) || name.startsWith(known))
                .findFirst().map(known -> " (did you mean " + known + "?)").orElse("");
    }

    @Override
    public void close() {
        host.close();
    }
}
