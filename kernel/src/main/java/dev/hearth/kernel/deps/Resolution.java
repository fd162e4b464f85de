package dev.hearth.kernel.deps;

import java.util.List;

/**
 * The outcome of resolving a request.
 *
 * @param artifacts what the class path needs, the requested artifacts first
 * @param kept      dependencies held at the version already loaded although another was wanted
 */
public record Resolution(List<ResolvedArtifact> artifacts, List<KeptVersion> kept) {

    public Resolution {
        artifacts = List.copyOf(artifacts);
        kept = List.copyOf(kept);
    }

    /**
     * A dependency wanted at {@code wanted} but kept at {@code loaded}, the version in the session.
     *
     * @param key      {@code G:A}
     * @param loaded   the loaded version
     * @param wanted   the version the new artifacts asked for
     * @param wantedBy the artifact that asked for it
     */
    public record KeptVersion(String key, String loaded, String wanted, String wantedBy) {
        @Override
        public String toString() {
            return key + " stays at " + loaded + " (loaded); " + wantedBy + " asked for " + wanted;
        }
    }
}
