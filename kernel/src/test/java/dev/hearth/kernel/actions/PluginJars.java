package dev.hearth.kernel.actions;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Real plugin jars for the host tests: the ones the build made (bundled plugins and the template,
 * found through the {@code hearth.test.plugins} property Maven sets), and broken ones compiled here
 * with the JDK compiler against the api and PF4J.
 */
public final class PluginJars {

    private PluginJars() {
    }

    /** The jar the build made for plugin module {@code module} ({@code files}, {@code web}, ...). */
    static Path built(String module) {
        Path target = Path.of(System.getProperty("hearth.test.plugins", "../plugins")).resolve(module).resolve("target");
        try (Stream<Path> jars = Files.list(target)) {
            return jars.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .filter(p -> !p.getFileName().toString().startsWith("original-"))
                    .filter(p -> !p.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst().orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no plugin jar in " + target + ": build the plugins first "
                    + "(mvn -pl kernel -am test builds them before the kernel's tests)", e);
        }
    }

    /** Copies the built jar of {@code module} into {@code dir}. */
    public static Path install(String module, Path dir) {
        try {
            Files.createDirectories(dir);
            Path jar = built(module);
            return Files.copy(jar, dir.resolve(jar.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plugin jar being assembled. */
    public static Builder builder(String pluginId) {
        return new Builder(pluginId);
    }

    /** Compiles sources against the api and PF4J and writes a plugin jar with a manifest and extension index. */
    public static final class Builder {
        private final Map<String, String> manifest = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final List<String> leaveOut = new ArrayList<>();
        private String extensionIndex;

        private Builder(String pluginId) {
            manifest.put("Plugin-Id", pluginId);
            manifest.put("Plugin-Version", "1.0.0");
            manifest.put("Plugin-Requires", ">=0.1.0");
        }

        public Builder manifest(String key, String value) {
            manifest.put(key, value);
            return this;
        }

        /** A class to compile, by fully qualified name. */
        public Builder source(String className, String code) {
            sources.put(className, code);
            return this;
        }

        /** A compiled class not to put in the jar (so that another class fails to link). */
        public Builder leaveOut(String className) {
            leaveOut.add(className);
            return this;
        }

        /** The extension classes listed in META-INF/extensions.idx (none: no index at all). */
        public Builder extensions(String... classNames) {
            extensionIndex = String.join("\n", classNames) + "\n";
            return this;
        }

        public Path writeTo(Path dir, String fileName) {
            try {
                Files.createDirectories(dir);
                Path classes = Files.createTempDirectory("plugin-classes");
                compile(classes);
                Manifest mf = new Manifest();
                mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                manifest.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
                Path jar = dir.resolve(fileName);
                try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
                     Stream<Path> files = Files.walk(classes)) {
                    for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        String name = classes.relativize(file).toString().replace('\\', '/');
                        if (leaveOut.contains(name.replace('/', '.').replaceFirst("\\.class$", ""))) {
                            continue;
                        }
                        out.putNextEntry(new JarEntry(name));
                        out.write(Files.readAllBytes(file));
                        out.closeEntry();
                    }
                    if (extensionIndex != null) {
                        out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                        out.write(extensionIndex.getBytes(StandardCharsets.UTF_8));
                        out.closeEntry();
                    }
                }
                return jar;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void compile(Path classes) throws IOException {
            if (sources.isEmpty()) {
                return;
            }
            Path src = Files.createTempDirectory("plugin-src");
            List<String> args = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(),
                    "-cp", System.getProperty("java.class.path")));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            OutputStream errors = new java.io.ByteArrayOutputStream();
            if (javac.run(null, errors, errors, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("test plugin does not compile:\n" + errors);
            }
        }
    }
}
