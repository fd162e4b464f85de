package dev.hearth.kernel.actions;

import dev.hearth.api.Action;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.Renderer;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRepository;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Loads the action plugins with PF4J and reports on every jar it found. A broken plugin (corrupt
 * jar, missing dependency, unsatisfied {@code Plugin-Requires}, a constructor or {@code start()}
 * that throws or never returns, an action class that fails to link, a call of
 * {@code System.exit}, an action name another plugin has) is reported with its state and reason;
 * it never stops the others from loading. Immutable after {@link #load}; {@code %plugins reload} builds a new host.
 */
public final class PluginHost implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());

    /**
     * A loaded action, the plugin it came from and the spec it gave at load (never asked again, so
     * a plugin cannot change its name or drop its side-effect mark later).
     */
    public record LoadedAction(Action action, String pluginId, ActionSpec spec) {
    }

    private final String systemVersion;
    private final DefaultPluginManager manager;
    private final List<PluginReport> reports;
    private final Map<String, LoadedAction> actions;
    private final List<Renderer> renderers;

    private PluginHost(String systemVersion, DefaultPluginManager manager, List<PluginReport> reports,
                       Map<String, LoadedAction> actions, List<Renderer> renderers) {
        this.systemVersion = systemVersion;
        this.manager = manager;
        this.reports = List.copyOf(reports);
        this.actions = Collections.unmodifiableMap(actions);
        this.renderers = List.copyOf(renderers);
    }

    /** How long one plugin may take to start when no deadline is given. */
    public static final Duration DEFAULT_START_DEADLINE = Duration.ofSeconds(10);

    /** {@link #load(Path, Path, String, Duration)} with the default start deadline. */
    public static PluginHost load(Path userDir, Path bundledDir, String systemVersion) {
        return load(userDir, bundledDir, systemVersion, DEFAULT_START_DEADLINE);
    }

    /**
     * Loads and starts every plugin in {@code bundledDir} (Hearth's own, may be {@code null}) and
     * {@code userDir} (the user's, may be absent). The bundled ones come first: on a duplicate
     * plugin id or action name the bundled one is kept and the user's is reported, so a
     * third-party jar can never replace a built-in action.
     *
     * @param systemVersion Hearth's version, checked against each plugin's {@code Plugin-Requires}
     * @param startDeadline how long one plugin's start (and its actions' constructors) may take
     */
    public static PluginHost load(Path userDir, Path bundledDir, String systemVersion, Duration startDeadline) {
        Map<Path, Boolean> candidates = new LinkedHashMap<>();
        for (Path dir : new Path[] {bundledDir, userDir}) {
            for (Path p : list(dir)) {
                candidates.putIfAbsent(p, dir == bundledDir && !Objects.equals(userDir, bundledDir));
            }
        }
        List<PluginReport> reports = new ArrayList<>();
        Map<String, Path> vetted = vet(candidates, reports);
        List<Path> accepted = new ArrayList<>(vetted.values());
        DefaultPluginManager manager = new DefaultPluginManager(List.of()) {
            @Override
            protected PluginRepository createPluginRepository() {
                return new VettedRepository(accepted);
            }

            @Override
            protected PluginFactory createPluginFactory() {
                return new PluginStarter.Factory();
            }
        };
        manager.setSystemVersion(systemVersion);
        try {
            manager.loadPlugins();
        } catch (RuntimeException | LinkageError e) {
            // PF4J isolates most failures per plugin; anything left is reported per plugin below
            LOG.log(System.Logger.Level.WARNING, "plugin loading failed: " + e, e);
        }
        Map<String, PluginStarter.Outcome> started = startAll(manager, startDeadline);
        Map<String, LoadedAction> actions = new LinkedHashMap<>();
        List<Renderer> renderers = new ArrayList<>();
        for (Map.Entry<String, Path> entry : vetted.entrySet()) {
            PluginStarter.Outcome outcome = started.get(entry.getKey());
            PluginReport report = report(manager, entry.getKey(), entry.getValue(), candidates.get(entry.getValue()),
                    systemVersion, outcome, actions);
            reports.add(report);
            if (report.state().equals(PluginState.STARTED.toString())) {
                renderers.addAll(outcome.renderers()); // bundled plugins first, as they were vetted
            }
        }
        reports.sort((a, b) -> a.id().compareTo(b.id()));
        return new PluginHost(systemVersion, manager, reports, actions, renderers);
    }

    /** Starts the resolved plugins in dependency order, each within the deadline. */
    private static Map<String, PluginStarter.Outcome> startAll(DefaultPluginManager manager, Duration deadline) {
        PluginStarter starter = new PluginStarter(manager, deadline);
        Map<String, PluginStarter.Outcome> outcomes = new LinkedHashMap<>();
        for (PluginWrapper plugin : manager.getResolvedPlugins()) {
            if (plugin.getPluginState().isDisabled() || plugin.getPluginState().isStarted()) {
                continue;
            }
            Optional<String> failedDependency = plugin.getDescriptor().getDependencies().stream()
                    .map(PluginDependency::getPluginId)
                    .filter(dep -> outcomes.containsKey(dep) && outcomes.get(dep).failure() != null).findFirst();
            PluginStarter.Outcome outcome = failedDependency.isPresent()
                    ? PluginStarter.Outcome.failed("needs plugin '" + failedDependency.get() + "', which failed to start")
                    : starter.start(plugin);
            if (outcome.failure() != null && !plugin.getPluginState().isStarted()) {
                plugin.setPluginState(PluginState.FAILED);
            }
            outcomes.put(plugin.getPluginId(), outcome);
        }
        return outcomes;
    }

    private static List<Path> list(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".jar")
                    || p.getFileName().toString().endsWith(".zip")).sorted().toList();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list plugins in " + dir + ": " + e);
            return List.of();
        }
    }

    /** Reads each manifest ourselves so a corrupt jar or a missing dependency is reported, not just logged. */
    private static Map<String, Path> vet(Map<Path, Boolean> candidates, List<PluginReport> reports) {
        Map<String, Path> byId = new LinkedHashMap<>();
        Map<String, List<String>> requiredDeps = new LinkedHashMap<>();
        Map<String, String> versions = new LinkedHashMap<>();
        for (Map.Entry<Path, Boolean> candidate : candidates.entrySet()) {
            Path path = candidate.getKey();
            String file = path.getFileName().toString();
            Attributes main;
            try (JarFile jar = new JarFile(path.toFile())) {
                Manifest manifest = jar.getManifest();
                main = manifest == null ? new Attributes() : manifest.getMainAttributes();
            } catch (IOException | SecurityException e) {
                reports.add(new PluginReport(file, "", "NOT LOADED", "corrupt or unreadable jar: " + e.getMessage(),
                        List.of(), path, candidate.getValue()));
                continue;
            }
            String id = main.getValue("Plugin-Id");
            if (id == null || id.isBlank()) {
                reports.add(new PluginReport(file, "", "NOT LOADED",
                        "not a plugin: its manifest has no Plugin-Id (see docs/PLUGINS.md)", List.of(), path,
                        candidate.getValue()));
                continue;
            }
            if (byId.containsKey(id)) {
                reports.add(new PluginReport(id, main.getValue("Plugin-Version"), "NOT LOADED",
                        "duplicate plugin id: " + (candidates.get(byId.get(id)) ? "the bundled " : "")
                                + byId.get(id).getFileName() + " is loaded instead", List.of(), path,
                        candidate.getValue()));
                continue;
            }
            Optional<String> endsKernel = exitCall(path);
            if (endsKernel.isPresent()) {
                reports.add(new PluginReport(id, main.getValue("Plugin-Version"), "NOT LOADED", endsKernel.get(),
                        List.of(), path, candidate.getValue()));
                continue;
            }
            byId.put(id, path);
            versions.put(id, main.getValue("Plugin-Version"));
            requiredDeps.put(id, requiredDependencies(main.getValue("Plugin-Dependencies")));
        }
        // drop plugins whose required dependency is absent, repeatedly (a chain fails as a whole)
        boolean changed = true;
        Set<String> dropped = new HashSet<>();
        while (changed) {
            changed = false;
            for (String id : new ArrayList<>(byId.keySet())) {
                for (String dep : requiredDeps.get(id)) {
                    if (!byId.containsKey(dep)) {
                        String why = dropped.contains(dep) ? "needs plugin '" + dep + "', which did not load"
                                : "needs plugin '" + dep + "', which is not installed";
                        reports.add(new PluginReport(id, versions.get(id), "NOT LOADED", why, List.of(), byId.get(id),
                                candidates.get(byId.get(id))));
                        byId.remove(id);
                        dropped.add(id);
                        changed = true;
                        break;
                    }
                }
            }
        }
        return byId;
    }

    /** Why the jar may not load because it could end the kernel, if it could. */
    private static Optional<String> exitCall(Path jar) {
        try {
            return ExitCalls.find(jar).map(found -> "refused: " + found.describe()
                    + " (a plugin must report failures with ActionException instead)");
        } catch (IOException | RuntimeException e) {
            return Optional.of("refused: its classes cannot be checked (" + PluginStarter.describe(e) + ")");
        }
    }

    private static List<String> requiredDependencies(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String dep : header.split(",")) {
            String d = dep.strip();
            String id = d.contains("@") ? d.substring(0, d.indexOf('@')) : d;
            if (!id.isEmpty() && !id.endsWith("?")) {
                ids.add(id.strip());
            }
        }
        return ids;
    }

    private static PluginReport report(DefaultPluginManager manager, String id, Path path, boolean bundled,
                                       String systemVersion, PluginStarter.Outcome outcome,
                                       Map<String, LoadedAction> actions) {
        PluginWrapper wrapper = manager.getPlugin(id);
        if (wrapper == null) {
            return new PluginReport(id, "", "NOT LOADED", "PF4J could not load it (see the kernel log)", List.of(),
                    path, bundled);
        }
        PluginDescriptor descriptor = wrapper.getDescriptor();
        String version = descriptor.getVersion();
        if (outcome != null && outcome.failure() != null) {
            return new PluginReport(id, version, PluginState.FAILED.toString(), outcome.failure(), List.of(), path, bundled);
        }
        PluginState state = wrapper.getPluginState();
        if (outcome == null || state != PluginState.STARTED) {
            String reason;
            if (!manager.getVersionManager().checkVersionConstraint(systemVersion, descriptor.getRequires())) {
                reason = "requires Hearth " + descriptor.getRequires() + ", but this is Hearth " + systemVersion;
            } else {
                reason = "not started (state " + state + ")";
            }
            return new PluginReport(id, version, state.toString(), reason, List.of(), path, bundled);
        }
        List<String> names = new ArrayList<>();
        List<String> problems = new ArrayList<>(outcome.problems());
        for (PluginStarter.Made made : outcome.actions()) {
            String name = made.spec().name();
            LoadedAction previous = actions.putIfAbsent(name, new LoadedAction(made.action(), id, made.spec()));
            if (previous != null) {
                problems.add("action " + name + " refused: plugin " + previous.pluginId() + " already provides it");
            } else {
                names.add(name);
            }
        }
        if (manager.getExtensionClassNames(id).isEmpty()) {
            problems.add("no actions found: its META-INF/extensions.idx is missing or empty "
                    + "(name PF4J's annotation processor in the build, see docs/PLUGINS.md)");
        }
        return new PluginReport(id, version, state.toString(), String.join("; ", problems), names, path, bundled);
    }

    /** Hearth's version as plugins see it. */
    public String systemVersion() {
        return systemVersion;
    }

    /** One report per jar found, sorted by id. */
    public List<PluginReport> reports() {
        return reports;
    }

    /** Every working action by name. */
    public Map<String, LoadedAction> actions() {
        return actions;
    }

    /** The renderers of the started plugins, bundled plugins' first. */
    public List<Renderer> renderers() {
        return renderers;
    }

    /** Stops and unloads every plugin. */
    @Override
    public void close() {
        try {
            manager.stopPlugins();
            manager.unloadPlugins();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "stopping plugins failed: " + e);
        }
    }

    /** PF4J's view of the jars that passed {@link #vet}. */
    private static final class VettedRepository implements PluginRepository {
        private final List<Path> paths;

        VettedRepository(List<Path> paths) {
            this.paths = List.copyOf(paths);
        }

        @Override
        public List<Path> getPluginPaths() {
            return paths;
        }

        @Override
        public boolean deletePluginPath(Path pluginPath) {
            return false;
        }
    }
}
