package dev.hearth.kernel.deps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A two-artifact local repository that {@link MavenResolver#warmUp()} resolves offline. */
final class WarmUpRepository {

    static final String ROOT = "dev.hearth.warmup:root:1";

    private WarmUpRepository() {
    }

    static void write(Path repo) throws IOException {
        artifact(repo, "root", "<dependencies><dependency><groupId>dev.hearth.warmup</groupId>"
                + "<artifactId>leaf</artifactId><version>1</version></dependency></dependencies>");
        artifact(repo, "leaf", "");
    }

    private static void artifact(Path repo, String id, String body) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("dev/hearth/warmup").resolve(id).resolve("1"));
        Files.writeString(dir.resolve(id + "-1.pom"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>dev.hearth.warmup</groupId><artifactId>" + id + "</artifactId><version>1</version>"
                + body + "</project>");
        Files.write(dir.resolve(id + "-1.jar"), new byte[0]);
    }

    static String pomSnippet() {
        return "<dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency>";
    }

    static void delete(Path repo) {
        if (repo == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(repo)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover in the temporary directory is harmless
        }
    }
}
