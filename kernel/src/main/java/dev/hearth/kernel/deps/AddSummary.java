package dev.hearth.kernel.deps;

import dev.hearth.api.MimeBundle;

import java.util.List;

/**
 * What one request changed in the session.
 *
 * @param added         artifacts put on the class path now, the requested ones first
 * @param alreadyLoaded artifacts the session had already (at the same version)
 * @param kept          dependencies held at the loaded version although another was wanted
 */
public record AddSummary(List<ResolvedArtifact> added, List<ResolvedArtifact> alreadyLoaded,
                         List<Resolution.KeptVersion> kept) {

    public AddSummary {
        added = List.copyOf(added);
        alreadyLoaded = List.copyOf(alreadyLoaded);
        kept = List.copyOf(kept);
    }

    /** A repeated request: nothing to do. */
    static AddSummary nothingNew(List<ResolvedArtifact> loaded) {
        return new AddSummary(List.of(), loaded, List.of());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (added.isEmpty()) {
            text.append("Nothing new: already on the class path");
        } else {
            text.append("Added to the class path (").append(added.size()).append("):");
            for (ResolvedArtifact a : added) {
                text.append("\n  ").append(a.coordinates()).append(a.direct() ? "" : "  (dependency)");
            }
        }
        if (!alreadyLoaded.isEmpty() && !added.isEmpty()) {
            text.append("\nAlready loaded: ").append(alreadyLoaded.size());
        } else if (!alreadyLoaded.isEmpty()) {
            text.append(" (").append(String.join(", ", alreadyLoaded.stream().map(ResolvedArtifact::coordinates).toList()))
                    .append(")");
        }
        for (Resolution.KeptVersion k : kept) {
            text.append("\nVersion conflict: ").append(k);
        }
        return text.toString();
    }

    /** The summary as a cell shows it. */
    public MimeBundle toBundle() {
        return MimeBundle.text(toString());
    }
}
