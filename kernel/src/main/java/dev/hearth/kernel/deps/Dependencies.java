package dev.hearth.kernel.deps;

import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.cell.DiscardingCellContext;
import dev.hearth.kernel.eval.Evaluator;
import org.eclipse.aether.graph.Dependency;

import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Maven artifacts of a session: {@code deps} in cells, and what {@code %maven} and
 * {@code %%pom} call. Each request is resolved completely before anything is added, so a
 * failure adds nothing; one version of each artifact is loaded, and a request for another
 * version of a loaded one is refused with both versions named.
 */
public final class Dependencies {

    private final MavenResolver resolver;
    private final Evaluator evaluator;
    private final CellScope cells;
    private final Map<String, ResolvedArtifact> loaded = new LinkedHashMap<>();
    private final Set<String> done = new HashSet<>();

    public Dependencies(MavenResolver resolver, Evaluator evaluator, CellScope cells) {
        this.resolver = resolver;
        this.evaluator = evaluator;
        this.cells = cells;
    }

    /**
     * Adds artifacts and their runtime dependencies to later cells, e.g.
     * {@code deps.add("org.apache.commons:commons-csv:1.14.1")}.
     *
     * @param coordinates {@code G:A:V} or {@code G:A:EXTENSION:CLASSIFIER:V}
     * @return what was added (shown as a summary)
     * @throws DependencyException for bad coordinates, an artifact that cannot be resolved, or a version conflict
     */
    public AddSummary add(String... coordinates) {
        return add(MavenRequest.of(List.of(coordinates), List.of(), List.of(), false), currentCell());
    }

    /** Like {@link #add(String...)}, from a {@code <dependencies>} block (and {@code <repositories>}) of a POM. */
    public AddSummary addPom(String pomXml) {
        return add(PomSnippet.parse(pomXml, false), currentCell());
    }

    /** The artifacts on the class path, as {@code G:A:V}, in the order they were added. */
    public synchronized List<String> loaded() {
        return loaded.values().stream().map(ResolvedArtifact::coordinates).collect(Collectors.toList());
    }

    /**
     * Resolves {@code request} and adds what it needs to the class path, showing downloads in {@code ctx}.
     * Repeating a request that succeeded does nothing.
     */
    public synchronized AddSummary add(MavenRequest request, CellContext ctx) {
        String key = requestKey(request);
        if (done.contains(key)) {
            return AddSummary.nothingNew(request.dependencies().stream()
                    .map(d -> loaded.get(MavenRequest.key(d.getArtifact()))).filter(a -> a != null).toList());
        }
        for (Dependency d : request.dependencies()) {
            ResolvedArtifact have = loaded.get(MavenRequest.key(d.getArtifact()));
            if (have != null && !have.version().equals(d.getArtifact().getVersion())) {
                throw conflict(have, d.getArtifact().getVersion());
            }
        }
        TransferProgress progress = new TransferProgress(ctx);
        Resolution resolution;
        try {
            resolution = CellScope.interruptibly(ctx, () -> resolver.resolve(request, loaded.values(), progress));
        } finally {
            progress.finish();
        }
        List<ResolvedArtifact> fresh = new ArrayList<>();
        List<ResolvedArtifact> already = new ArrayList<>();
        for (ResolvedArtifact a : resolution.artifacts()) {
            ResolvedArtifact have = loaded.get(a.key());
            if (have == null) {
                fresh.add(a);
            } else if (have.version().equals(a.version())) {
                already.add(a);
            } else {
                throw conflict(have, a.version());
            }
        }
        if (!fresh.isEmpty()) {
            evaluator.addToClasspath(fresh.stream().map(a -> a.file().toString()).collect(Collectors.joining(File.pathSeparator)));
            fresh.forEach(a -> loaded.put(a.key(), a));
        }
        done.add(key);
        return new AddSummary(fresh, already, resolution.kept());
    }

    private static DependencyException conflict(ResolvedArtifact have, String wanted) {
        return new DependencyException("version conflict: " + have.key() + " " + wanted + " was asked for, but "
                + have.version() + " is already loaded; a loaded class cannot be replaced, so restart the kernel"
                + " to switch versions. Nothing was added.");
    }

    private static String requestKey(MavenRequest request) {
        return request.dependencies().stream().map(d -> MavenRequest.coordinates(d.getArtifact()) + d.getExclusions())
                .sorted().collect(Collectors.joining(" ")) + " " + request.repositories();
    }

    private CellContext currentCell() {
        return cells.activeOrLast().orElseGet(DiscardingCellContext::new);
    }

    @Override
    public String toString() {
        List<String> all = loaded();
        return all.isEmpty() ? "No Maven artifacts loaded (use deps.add(\"G:A:V\") or %maven G:A:V)"
                : "Maven artifacts loaded: " + String.join(", ", all);
    }
}
