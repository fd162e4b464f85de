package dev.hearth.kernel.deps;

import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.TransferListener;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.graph.manager.DependencyManagerUtils;
import org.eclipse.aether.util.repository.SimpleResolutionErrorPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Maven's own resolver (Maven Resolver, wired as Maven 3 wires it) over the settings in
 * {@code settings.xml}: transitive runtime dependencies, mirrors, proxies, credentials, offline
 * mode and the local repository. Checksums must match. The resolver is built at first use.
 */
public final class MavenResolver implements AutoCloseable {

    /** Maven Central, the repository every request starts from (settings may mirror it). */
    public static final String CENTRAL = "https://repo.maven.apache.org/maven2/";


    private final Supplier<MavenSettings> settings;
    private final String central;
    private final Duration timeout;
    private RepositorySystem system;

    /**
     * @param settings read at each request, so edits of {@code settings.xml} apply at once
     * @param central  the URL of the {@code central} repository
     * @param timeout  connect and read timeout of each download
     */
    public MavenResolver(Supplier<MavenSettings> settings, String central, Duration timeout) {
        this.settings = settings;
        this.central = central;
        this.timeout = timeout;
    }

    /** The settings a request would use now. */
    public MavenSettings settings() {
        return settings.get();
    }

    /**
     * Resolves a two-artifact graph from a throw-away local repository, offline (the deps room runs
     * it on a background thread once JShell is warm), so that the session's first {@code %maven} does not pay for loading and compiling
     * Maven's classes (~0.5 s here). No repository is contacted; the temporary files are deleted.
     */
    public void warmUp() {
        Path repo = null;
        try {
            repo = java.nio.file.Files.createTempDirectory("hearth-maven-warmup");
            WarmUpRepository.write(repo);
            MavenSettings offline = new MavenSettings(repo.resolve("settings.xml"), repo, true,
                    new org.apache.maven.settings.Settings());
            resolve(offline, MavenRequest.of(List.of(WarmUpRepository.ROOT), List.of(), List.of(), true),
                    List.of(), new org.eclipse.aether.transfer.AbstractTransferListener() { });
            PomSnippet.parse(WarmUpRepository.pomSnippet(), true);
        } catch (java.io.IOException | RuntimeException e) {
            // only a warm-up: the first real request reports any problem to the user
        } finally {
            WarmUpRepository.delete(repo);
        }
    }

    private synchronized RepositorySystem system() {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        return system;
    }

    /**
     * Resolves {@code request} with its runtime dependencies.
     *
     * @param loaded   versions already in the session, by {@link ResolvedArtifact#key()}: a dependency
     *                 of the new artifacts is held at these (reported in {@link Resolution#kept()})
     * @param listener told about every download
     * @throws DependencyException naming the artifact, the reason and the repositories tried
     */
    public Resolution resolve(MavenRequest request, Collection<ResolvedArtifact> loaded, TransferListener listener) {
        return resolve(settings.get(), request, loaded, listener);
    }

    private Resolution resolve(MavenSettings s, MavenRequest request, Collection<ResolvedArtifact> loaded,
                               TransferListener listener) {
        boolean offline = request.offline() || s.offline();
        RepositorySystem repositorySystem = system();
        List<RemoteRepository> repositories = List.of();
        try (RepositorySystemSession.CloseableSession session = session(repositorySystem, s, offline, listener)) {
            repositories = repositorySystem.newResolutionRepositories(session, remotes(request.repositories()));
            List<Dependency> pinned = loaded.stream().map(MavenResolver::managed).collect(Collectors.toList());
            CollectRequest collect = new CollectRequest(request.dependencies(), pinned, repositories);
            DependencyResult result = repositorySystem.resolveDependencies(session,
                    new DependencyRequest(collect, DependencyFilterUtils.classpathFilter("runtime")));
            Set<String> asked = request.dependencies().stream().map(d -> MavenRequest.key(d.getArtifact()))
                    .collect(Collectors.toSet());
            List<ResolvedArtifact> artifacts = new ArrayList<>();
            for (ArtifactResult r : result.getArtifactResults()) {
                artifacts.add(ResolvedArtifact.of(r.getArtifact(), asked.contains(MavenRequest.key(r.getArtifact()))));
            }
            artifacts.sort((a, b) -> Boolean.compare(b.direct(), a.direct()));
            List<Resolution.KeptVersion> kept = new ArrayList<>();
            collectKept(result.getRoot(), null, kept);
            return new Resolution(artifacts, kept);
        } catch (DependencyResolutionException | RuntimeException e) {
            if (e instanceof DependencyException known) {
                throw known;
            }
            throw ResolutionFailures.of(request, repositories, s.localRepository(), offline, e);
        }
    }

    /**
     * One artifact without its dependencies (a plugin jar, which carries its libraries inside).
     *
     * @throws DependencyException naming the artifact, the reason and the repositories tried
     */
    public Path fetch(String coordinates, List<String> extraRepositories, boolean offlineRequested,
                      dev.hearth.kernel.cell.CellContext ctx) {
        TransferProgress progress = new TransferProgress(ctx);
        try {
            return dev.hearth.kernel.cell.CellScope.interruptibly(ctx,
                    () -> fetch(coordinates, extraRepositories, offlineRequested, progress));
        } finally {
            progress.finish();
        }
    }

    private Path fetch(String coordinates, List<String> extraRepositories, boolean offlineRequested, TransferListener listener) {
        MavenRequest request = MavenRequest.of(List.of(coordinates), List.of(), extraRepositories, offlineRequested);
        MavenSettings s = settings.get();
        boolean offline = request.offline() || s.offline();
        RepositorySystem repositorySystem = system();
        List<RemoteRepository> repositories = List.of();
        try (RepositorySystemSession.CloseableSession session = session(repositorySystem, s, offline, listener)) {
            repositories = repositorySystem.newResolutionRepositories(session, remotes(request.repositories()));
            Artifact artifact = request.dependencies().get(0).getArtifact();
            return repositorySystem.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null))
                    .getArtifact().getPath();
        } catch (ArtifactResolutionException | RuntimeException e) {
            throw ResolutionFailures.of(request, repositories, s.localRepository(), offline, e);
        }
    }

    private RepositorySystemSession.CloseableSession session(RepositorySystem repositorySystem, MavenSettings s,
                                                             boolean offline, TransferListener listener) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        return new SessionBuilderSupplier(repositorySystem).get()
                // "simple": a file in the local repository is used whichever repository it came from, so
                // offline work and a mirror that changed both see everything downloaded before
                .withLocalRepositories(new LocalRepository(s.localRepository(), "simple"))
                .setOffline(offline)
                .setMirrorSelector(s.mirrors())
                .setProxySelector(s.proxies())
                .setAuthenticationSelector(s.credentials())
                .setTransferListener(listener)
                .setSystemProperties(System.getProperties())
                .setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL)
                // a failed download is tried again next time, not remembered in the local repository
                .setResolutionErrorPolicy(new SimpleResolutionErrorPolicy(false, false))
                .setConfigProperty(ConfigurationProperties.CONNECT_TIMEOUT, millis)
                .setConfigProperty(ConfigurationProperties.REQUEST_TIMEOUT, millis)
                .setConfigProperty(DependencyManagerUtils.CONFIG_PROP_VERBOSE, true)
                .build();
    }

    private List<RemoteRepository> remotes(List<String> extra) {
        List<RemoteRepository> remotes = new ArrayList<>();
        remotes.add(new RemoteRepository.Builder("central", "default", central).build());
        for (int i = 0; i < extra.size(); i++) {
            remotes.add(new RemoteRepository.Builder(extra.size() == 1 ? "extra" : "extra-" + (i + 1), "default",
                    extra.get(i)).build());
        }
        return remotes;
    }

    private static Dependency managed(ResolvedArtifact loaded) {
        String[] key = loaded.key().split(":");
        Artifact artifact = key.length == 2
                ? new DefaultArtifact(key[0], key[1], "jar", loaded.version())
                : new DefaultArtifact(key[0], key[1], key.length > 3 ? key[3] : "", key[2], loaded.version());
        return new Dependency(artifact, null);
    }

    private static void collectKept(DependencyNode node, DependencyNode parent, List<Resolution.KeptVersion> kept) {
        String premanaged = DependencyManagerUtils.getPremanagedVersion(node);
        if (premanaged != null && node.getArtifact() != null && !premanaged.equals(node.getArtifact().getVersion())) {
            String by = parent == null || parent.getArtifact() == null ? "a requested artifact"
                    : MavenRequest.coordinates(parent.getArtifact());
            kept.add(new Resolution.KeptVersion(MavenRequest.key(node.getArtifact()), node.getArtifact().getVersion(),
                    premanaged, by));
        }
        for (DependencyNode child : node.getChildren()) {
            collectKept(child, node, kept);
        }
    }

    @Override
    public synchronized void close() {
        if (system != null) {
            system.shutdown();
            system = null;
        }
    }
}
