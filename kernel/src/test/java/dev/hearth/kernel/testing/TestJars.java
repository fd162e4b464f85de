package dev.hearth.kernel.testing;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Real jars for tests: Java sources compiled with the JDK's compiler, then packed. */
public final class TestJars {

    private TestJars() {
    }

    /**
     * Compiles {@code sources} (class name → code) against {@code classPath} into the jar {@code jar}.
     *
     * @param manifest main attributes to add (e.g. {@code Plugin-Id})
     * @param files    extra entries (name → content), e.g. {@code META-INF/extensions.idx}
     */
    public static Path build(Path jar, Map<String, String> sources, List<Path> classPath,
                             Map<String, String> manifest, Map<String, String> files) {
        try {
            Path work = Files.createTempDirectory("test-jar");
            Path src = work.resolve("src");
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> args = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "--release", "17"));
            if (!classPath.isEmpty()) {
                args.add("-cp");
                args.add(classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
            }
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            if (!sources.isEmpty() && javac.run(null, errors, errors, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("test sources do not compile:\n" + errors);
            }
            Manifest mf = new Manifest();
            mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
                 Stream<Path> all = Files.walk(classes)) {
                for (Path file : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(file));
                    out.closeEntry();
                }
                for (Map.Entry<String, String> extra : files.entrySet()) {
                    out.putNextEntry(new JarEntry(extra.getKey()));
                    out.write(extra.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
