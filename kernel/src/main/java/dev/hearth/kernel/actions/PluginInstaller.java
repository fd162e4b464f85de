package dev.hearth.kernel.actions;

import dev.hearth.api.AtomicFiles;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.deps.DependencyException;
import dev.hearth.kernel.deps.MavenResolver;
import org.pf4j.DefaultVersionManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * {@code %plugins install G:A:V} and {@code %plugins remove ID}: a plugin jar fetched from a Maven
 * repository into the user's plugins directory, checked ({@code Plugin-Id}, {@code Plugin-Requires},
 * then everything {@link PluginHost} checks at load) and loaded without restarting the kernel; a
 * plugin that does not load cleanly is taken out again, so nothing is left half-installed.
 */
final class PluginInstaller {

    private static final String SAFE_ID = "[A-Za-z0-9][A-Za-z0-9._-]*";

    private final ActionRegistry registry;
    private final MavenResolver resolver;
    private final String systemVersion;

    PluginInstaller(ActionRegistry registry, MavenResolver resolver, String systemVersion) {
        this.registry = registry;
        this.resolver = resolver;
        this.systemVersion = systemVersion;
    }

    /** Fetches, checks, installs and loads the plugin at {@code coordinates}; returns its report. */
    PluginReport install(String coordinates, List<String> repositories, boolean offline, CellContext ctx) throws IOException {
        Path fetched = resolver.fetch(coordinates, repositories, offline, ctx);
        Attributes manifest = manifestOf(fetched, coordinates);
        String id = manifest.getValue("Plugin-Id");
        String version = Optional.ofNullable(manifest.getValue("Plugin-Version")).orElse("");
        if (id == null || !id.matches(SAFE_ID)) {
            throw new DependencyException(coordinates + " is not a Hearth plugin: its manifest has no valid Plugin-Id");
        }
        if (!version.isEmpty() && !version.matches(SAFE_ID)) {
            throw new DependencyException(coordinates + ": its Plugin-Version '" + version + "' is not a plain version");
        }
        String requires = Optional.ofNullable(manifest.getValue("Plugin-Requires")).orElse("*");
        if (!new DefaultVersionManager().checkVersionConstraint(systemVersion, requires)) {
            throw new DependencyException("plugin " + id + " (" + coordinates + ") requires Hearth " + requires
                    + ", but this is Hearth " + systemVersion + "; nothing was installed");
        }
        Optional<PluginReport> present = find(id);
        if (present.isPresent()) {
            throw new DependencyException("plugin " + id + " is already there (" + present.get().path()
                    + (present.get().bundled() ? ", bundled" : "; %plugins remove " + id + " first") + ")");
        }
        Path dir = Files.createDirectories(registry.userDir());
        Path target = dir.resolve(id + (version.isEmpty() ? "" : "-" + version) + ".jar");
        AtomicFiles.write(target, Files.readAllBytes(fetched));
        registry.reload();
        PluginReport report = find(id).orElse(null);
        if (report == null || !report.healthy()) {
            Files.deleteIfExists(target);
            registry.reload();
            throw new DependencyException("plugin " + id + " (" + coordinates + ") did not load: "
                    + (report == null ? "PF4J did not find it" : report.state() + ", " + report.reason())
                    + "; it was removed again");
        }
        return report;
    }

    /** Unloads the user's plugin {@code id} and deletes its jar. */
    PluginReport remove(String id) throws IOException {
        PluginReport report = find(id).orElseThrow(() -> new DependencyException("no plugin with id " + id
                + "; %plugins lists them"));
        if (report.bundled()) {
            throw new DependencyException("plugin " + id + " ships with Hearth and cannot be removed");
        }
        Files.deleteIfExists(report.path());
        registry.reload();
        return report;
    }

    private Optional<PluginReport> find(String id) {
        return registry.plugins().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    private static Attributes manifestOf(Path jar, String coordinates) {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getManifest() == null) {
                throw new DependencyException(coordinates + " is not a Hearth plugin: its jar has no manifest");
            }
            return file.getManifest().getMainAttributes();
        } catch (IOException e) {
            throw new DependencyException(coordinates + " is not a readable jar: " + e.getMessage(), e);
        }
    }
}
