package dev.hearth.kernel.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies the fixture vault and Logseq graph (test resources under memory/) to a writable place. */
final class Fixtures {

    private Fixtures() {
    }

    /** Copies {@code memory/NAME} from the test resources into {@code target/NAME}; returns the copy. */
    static Path copy(String name, Path target) {
        try {
            Path source = Path.of(Fixtures.class.getResource("/memory/" + name).toURI());
            Path dest = target.resolve(name);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : files.toList()) {
                    Path to = dest.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            }
            return dest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A memory on the embedded backend in {@code home}, with the shared real model. */
    static Memory memory(Path home) {
        return Memory.builder(home).embedder(TestModels.embedder()).build();
    }
}
