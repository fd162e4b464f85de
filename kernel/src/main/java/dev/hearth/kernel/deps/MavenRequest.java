package dev.hearth.kernel.deps;

import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a {@code %maven} line, a {@code %%pom} cell or {@code deps.add(...)} asks for.
 *
 * @param dependencies the artifacts wanted, with their exclusions (runtime scope)
 * @param repositories extra repositories, as URLs, tried after Maven Central (and mirrored as settings say)
 * @param offline      whether to use the local repository only
 */
public record MavenRequest(List<Dependency> dependencies, List<String> repositories, boolean offline) {

    private static final String COORDINATES_HELP =
            "expected GROUP:ARTIFACT:VERSION or GROUP:ARTIFACT:EXTENSION:CLASSIFIER:VERSION";

    public MavenRequest {
        dependencies = List.copyOf(dependencies);
        repositories = List.copyOf(repositories);
        if (dependencies.isEmpty()) {
            throw new DependencyException("no artifact given: " + COORDINATES_HELP);
        }
        repositories.forEach(MavenRequest::checkUrl);
    }

    /**
     * A request from coordinates as a user types them.
     *
     * @param coordinates {@code G:A:V}, {@code G:A:EXT:V} or {@code G:A:EXT:CLASSIFIER:V}
     * @param excludes    {@code G:A} (either part may be {@code *}) left out of every artifact's dependencies
     */
    public static MavenRequest of(List<String> coordinates, List<String> excludes, List<String> repositories, boolean offline) {
        List<Exclusion> exclusions = excludes.stream().map(MavenRequest::exclusion).collect(Collectors.toList());
        List<Dependency> dependencies = new ArrayList<>();
        for (String text : coordinates) {
            dependencies.add(new Dependency(artifact(text), "runtime", false, exclusions));
        }
        return new MavenRequest(dependencies, repositories, offline);
    }

    /** Parses {@code G:A:V} (or with extension and classifier), refusing ranges and blanks. */
    static Artifact artifact(String text) {
        String t = text.strip();
        String[] parts = t.split(":", -1);
        boolean blank = false;
        for (int i = 0; i < parts.length; i++) {
            blank |= parts[i].isBlank() && !(parts.length == 5 && i == 3); // G:A:EXT::V has no classifier
        }
        if (parts.length < 3 || parts.length > 5 || blank || !t.matches("[A-Za-z0-9_.:\\-+\\[\\](),]+")) {
            throw new DependencyException("bad coordinates '" + text + "': " + COORDINATES_HELP);
        }
        try {
            return new DefaultArtifact(t);
        } catch (IllegalArgumentException e) {
            throw new DependencyException("bad coordinates '" + text + "': " + COORDINATES_HELP, e);
        }
    }

    private static Exclusion exclusion(String text) {
        String[] parts = text.strip().split(":");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new DependencyException("bad exclusion '" + text + "': expected GROUP:ARTIFACT (either may be *)");
        }
        return new Exclusion(parts[0], parts[1], "*", "*");
    }

    private static void checkUrl(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("file")) {
                throw new DependencyException("bad repository '" + url + "': give an https:// or file: URL");
            }
            if (scheme.equals("http") && !isLoopback(uri.getHost())) {
                // as Maven's own http blocker: anyone on the path could swap the jars and their checksums
                throw new DependencyException("refused repository '" + url + "': plain http can be tampered with; "
                        + "use https:// (http is allowed on this machine only: localhost, 127.0.0.1)");
            }
        } catch (IllegalArgumentException e) {
            throw new DependencyException("bad repository '" + url + "': give an https:// or file: URL", e);
        }
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    }

    /** The same request, offline. */
    public MavenRequest offline(boolean value) {
        return new MavenRequest(dependencies, repositories, value);
    }

    /** The artifacts, as {@code G:A[:EXT[:CLASSIFIER]]:V}, for messages. */
    public String describe() {
        return dependencies.stream().map(d -> coordinates(d.getArtifact())).collect(Collectors.joining(", "));
    }

    /** {@code G:A:V}, with extension and classifier only when they are not the plain jar. */
    static String coordinates(Artifact a) {
        return key(a) + ":" + a.getVersion();
    }

    /** {@code G:A}, with extension and classifier only when they are not the plain jar: one loaded version per key. */
    static String key(Artifact a) {
        StringBuilder s = new StringBuilder(a.getGroupId()).append(':').append(a.getArtifactId());
        if (!a.getClassifier().isEmpty() || !a.getExtension().equals("jar")) {
            s.append(':').append(a.getExtension());
            if (!a.getClassifier().isEmpty()) {
                s.append(':').append(a.getClassifier());
            }
        }
        return s.toString();
    }
}
