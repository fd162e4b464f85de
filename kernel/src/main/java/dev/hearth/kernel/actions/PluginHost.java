package dev.hearth.kernel.actions;

import dev.hearth.api.Action;
import dev.hearth.api.ActionSpec;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginRepository;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Loads the action plugins with PF4J and reports on every jar it found. A broken plugin (corrupt
 * jar, missing dependency, unsatisfied {@code Plugin-Requires}, {@code start()} that throws, an
 * action class that fails to link) is reported with its state and reason; it never stops the
 * others from loading. Immutable after {@link #load}; {@code %plugins reload} builds a new host.
 */
public final class PluginHost implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());

    /** A loaded action and the plugin it came from. */
    public record LoadedAction(Action action, String pluginId) {
    }

    private final String systemVersion;
    private final DefaultPluginManager manager;
    private final List<PluginReport> reports;
    private final Map<String, LoadedAction> actions;

    private PluginHost(String systemVersion, DefaultPluginManager manager, List<PluginReport> reports,
                       Map<String, LoadedAction> actions) {
        this.systemVersion = systemVersion;
        this.manager = manager;
        this.reports = List.copyOf(reports);
        this.actions = Collections.unmodifiableMap(actions);
    }

    /**
     * Loads and starts every plugin in {@code userDir} (the user's, may be absent) and
     * {@code bundledDir} (Hearth's own, may be {@code null}); the user's win on a duplicate id.
     *
     * @param systemVersion Hearth's version, checked against each plugin's {@code Plugin-Requires}
     */
    public static PluginHost load(Path userDir, Path bundledDir, String systemVersion) {
        Map<Path, Boolean> candidates = new LinkedHashMap<>();
        for (Path dir : new Path[] {userDir, bundledDir}) {
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
        };
        manager.setSystemVersion(systemVersion);
        try {
            manager.loadPlugins();
            manager.startPlugins();
        } catch (RuntimeException | LinkageError e) {
            // PF4J isolates most failures per plugin; anything left is reported per plugin below
            LOG.log(System.Logger.Level.WARNING, "plugin loading failed: " + e, e);
        }
        Map<String, LoadedAction> actions = new LinkedHashMap<>();
        for (Map.Entry<String, Path> entry : vetted.entrySet()) {
            reports.add(report(manager, entry.getKey(), entry.getValue(), candidates.get(entry.getValue()),
                    systemVersion, actions));
        }
        reports.sort((a, b) -> a.id().compareTo(b.id()));
        return new PluginHost(systemVersion, manager, reports, actions);
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
                        "duplicate plugin id: " + byId.get(id).getFileName() + " is loaded instead", List.of(), path,
                        candidate.getValue()));
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
                                       String systemVersion, Map<String, LoadedAction> actions) {
        PluginWrapper wrapper = manager.getPlugin(id);
        if (wrapper == null) {
            return new PluginReport(id, "", "NOT LOADED", "PF4J could not load it (see the kernel log)", List.of(),
                    path, bundled);
        }
        PluginDescriptor descriptor = wrapper.getDescriptor();
        PluginState state = wrapper.getPluginState();
        String version = descriptor.getVersion();
        if (state != PluginState.STARTED) {
            String reason;
            if (wrapper.getFailedException() != null) {
                Throwable failure = wrapper.getFailedException();
                reason = "failed to start: " + describe(failure instanceof InvocationTargetException ite
                        && ite.getCause() != null ? ite.getCause() : failure);
            } else if (!manager.getVersionManager().checkVersionConstraint(systemVersion, descriptor.getRequires())) {
                reason = "requires Hearth " + descriptor.getRequires() + ", but this is Hearth " + systemVersion;
            } else {
                reason = "not started (state " + state + ")";
            }
            return new PluginReport(id, version, state.toString(), reason, List.of(), path, bundled);
        }
        List<String> names = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> classNames = manager.getExtensionClassNames(id);
        ClassLoader loader = wrapper.getPluginClassLoader();
        for (String className : classNames) {
            try {
                Class<?> type = Class.forName(className, true, loader);
                if (!Action.class.isAssignableFrom(type)) {
                    continue;
                }
                Action action = (Action) type.getDeclaredConstructor().newInstance();
                ActionSpec spec = Objects.requireNonNull(action.spec(), "spec() returned null");
                LoadedAction previous = actions.putIfAbsent(spec.name(), new LoadedAction(action, id));
                if (previous != null) {
                    problems.add("action " + spec.name() + " is already provided by plugin " + previous.pluginId());
                } else {
                    names.add(spec.name());
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Throwable cause = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
                problems.add(className + " failed to load: " + describe(cause));
            }
        }
        if (classNames.isEmpty()) {
            problems.add("no actions found: its META-INF/extensions.idx is missing or empty "
                    + "(name PF4J's annotation processor in the build, see docs/PLUGINS.md)");
        }
        return new PluginReport(id, version, state.toString(), String.join("; ", problems), names, path, bundled);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
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
