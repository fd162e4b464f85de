package dev.hearth.kernel.deps;

import org.eclipse.aether.artifact.Artifact;

import java.nio.file.Path;

/**
 * An artifact the resolver found, with its file in the local repository.
 *
 * @param key     {@code G:A} (with extension and classifier when not a plain jar): one version per key is loaded
 * @param version its version
 * @param file    the file in the local repository
 * @param direct  whether it was asked for, rather than brought in as a dependency
 */
public record ResolvedArtifact(String key, String version, Path file, boolean direct) {

    static ResolvedArtifact of(Artifact artifact, boolean direct) {
        return new ResolvedArtifact(MavenRequest.key(artifact), artifact.getVersion(), artifact.getPath(), direct);
    }

    /** {@code key:version}. */
    public String coordinates() {
        return key + ":" + version;
    }
}
