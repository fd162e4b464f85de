package dev.hearth.kernel.deps;

import dev.hearth.kernel.testing.TestJars;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Maven repository on disk, in the standard layout, that a test fills with real artifacts: jars
 * compiled from source, a POM listing their dependencies, and SHA-1 checksums, as a remote
 * repository serves them.
 */
public final class TestRepository {

    private final Path root;

    public TestRepository(Path root) {
        this.root = root;
    }

    /** The repository's URL, for {@code --repo} or a settings mirror. */
    public String url() {
        return root.toUri().toString();
    }

    public Path root() {
        return root;
    }

    /** An artifact to publish. */
    public Artifact artifact(String coordinates) {
        return new Artifact(coordinates);
    }

    /** The jar of {@code G:A:V} in this repository. */
    public Path jar(String coordinates) {
        String[] p = coordinates.split(":");
        return dir(p[0], p[1], p[2]).resolve(p[1] + "-" + p[2] + ".jar");
    }

    private Path dir(String group, String artifact, String version) {
        return root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
    }

    /** Replaces the jar of {@code coordinates} with other bytes, keeping its old checksum. */
    public void corrupt(String coordinates) {
        try {
            Files.write(jar(coordinates), "not the published jar".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One artifact being written. */
    public final class Artifact {
        private final String group;
        private final String id;
        private final String version;
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final Map<String, String> manifest = new LinkedHashMap<>();
        private final Map<String, String> files = new LinkedHashMap<>();
        private final List<String> dependencies = new ArrayList<>();
        private final List<Path> compileAgainst = new ArrayList<>();

        private Artifact(String coordinates) {
            String[] p = coordinates.split(":");
            this.group = p[0];
            this.id = p[1];
            this.version = p[2];
        }

        public Artifact source(String className, String code) {
            sources.put(className, code);
            return this;
        }

        /** A dependency in the POM (G:A:V, published in this repository); its classes are on the compile path. */
        public Artifact dependsOn(String coordinates) {
            dependencies.add(coordinates);
            compileAgainst.add(jar(coordinates));
            return this;
        }

        /** Extra jars to compile against that are not dependencies (e.g. the Hearth api for a plugin). */
        public Artifact compileAgainst(List<Path> jars) {
            compileAgainst.addAll(jars);
            return this;
        }

        public Artifact manifest(String key, String value) {
            manifest.put(key, value);
            return this;
        }

        public Artifact file(String name, String content) {
            files.put(name, content);
            return this;
        }

        /** Writes the jar, the POM and their checksums; returns the jar. */
        public Path publish() {
            Path dir = dir(group, id, version);
            Path jar = TestJars.build(dir.resolve(id + "-" + version + ".jar"), sources, compileAgainst, manifest, files);
            StringBuilder pom = new StringBuilder("<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                    + "  <modelVersion>4.0.0</modelVersion>\n"
                    + "  <groupId>" + group + "</groupId>\n  <artifactId>" + id + "</artifactId>\n"
                    + "  <version>" + version + "</version>\n  <dependencies>\n");
            for (String d : dependencies) {
                String[] p = d.split(":");
                pom.append("    <dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
                        .append("</artifactId><version>").append(p[2]).append("</version></dependency>\n");
            }
            pom.append("  </dependencies>\n</project>\n");
            try {
                Path pomFile = dir.resolve(id + "-" + version + ".pom");
                Files.writeString(pomFile, pom);
                writeSha1(jar);
                writeSha1(pomFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return jar;
        }
    }

    private static void writeSha1(Path file) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file));
            Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
