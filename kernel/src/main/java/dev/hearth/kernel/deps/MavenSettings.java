package dev.hearth.kernel.deps;

import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.repository.AuthenticationSelector;
import org.eclipse.aether.repository.MirrorSelector;
import org.eclipse.aether.repository.ProxySelector;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.ConservativeAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Maven's {@code settings.xml} says about resolving: the local repository, offline mode,
 * mirrors, proxies and server credentials, read with Maven's own settings builder (so
 * {@code ${user.home}} and environment references work as they do for {@code mvn}).
 *
 * @param file            the settings file read (it may not exist)
 * @param localRepository where artifacts are kept ({@code ~/.m2/repository} unless the file says otherwise)
 * @param offline         whether the file asks for offline mode
 * @param settings        the effective settings
 */
public record MavenSettings(Path file, Path localRepository, boolean offline, Settings settings) {

    /** Reads {@code file} (a missing file means Maven's defaults). */
    public static MavenSettings load(Path file) {
        Settings settings = new Settings();
        if (Files.isRegularFile(file)) {
            DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest()
                    .setUserSettingsFile(file.toFile())
                    .setSystemProperties(System.getProperties());
            try {
                settings = new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings();
            } catch (SettingsBuildingException e) {
                throw new DependencyException("cannot read Maven settings " + file + ": "
                        + e.getProblems().get(0).getMessage() + "; fix the file or set maven.settings to another one", e);
            }
        }
        String local = settings.getLocalRepository();
        Path localRepository = local == null || local.isBlank()
                ? Path.of(System.getProperty("user.home"), ".m2", "repository")
                : Path.of(local.strip());
        return new MavenSettings(file, localRepository.toAbsolutePath().normalize(), settings.isOffline(), settings);
    }

    /** The mirrors of the file, as the resolver applies them. */
    public MirrorSelector mirrors() {
        DefaultMirrorSelector selector = new DefaultMirrorSelector();
        for (Mirror m : settings.getMirrors()) {
            selector.add(m.getId(), m.getUrl(), m.getLayout(), false, m.isBlocked(), m.getMirrorOf(), m.getMirrorOfLayouts());
        }
        return selector;
    }

    /** The active proxies of the file. */
    public ProxySelector proxies() {
        DefaultProxySelector selector = new DefaultProxySelector();
        for (Proxy p : settings.getProxies()) {
            if (!p.isActive()) {
                continue;
            }
            AuthenticationBuilder auth = new AuthenticationBuilder().addUsername(p.getUsername()).addPassword(p.getPassword());
            selector.add(new org.eclipse.aether.repository.Proxy(p.getProtocol(), p.getHost(), p.getPort(), auth.build()),
                    p.getNonProxyHosts());
        }
        return selector;
    }

    /** Credentials of the file's {@code <servers>}, by repository id. */
    public AuthenticationSelector credentials() {
        DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
        for (Server s : settings.getServers()) {
            selector.add(s.getId(), new AuthenticationBuilder().addUsername(s.getUsername()).addPassword(s.getPassword())
                    .addPrivateKey(s.getPrivateKey(), s.getPassphrase()).build());
        }
        return new ConservativeAuthenticationSelector(selector);
    }
}
