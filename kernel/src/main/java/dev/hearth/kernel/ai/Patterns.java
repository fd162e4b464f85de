package dev.hearth.kernel.ai;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prompt patterns in Fabric's layout: a directory {@code NAME/} with {@code system.md} and
 * optionally {@code user.md}; {@code {{input}}} stands for the cell body. Looked up in the Hearth
 * patterns directory, then Fabric's, then the patterns shipped with Hearth.
 */
public final class Patterns {

    /** Patterns shipped as resources under {@code /ai/patterns/}. */
    public static final List<String> BUNDLED = List.of("summarize", "extract-todos", "explain-code");

    private final List<Path> directories;

    /** Searches {@code directories} in order, then the bundled patterns. */
    public Patterns(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /** The usual places: {@code home/patterns}, then {@code ~/.config/fabric/patterns}. */
    public static Patterns standard(Path hearthHome, Path userHome) {
        return new Patterns(List.of(hearthHome.resolve("patterns"), userHome.resolve(".config/fabric/patterns")));
    }

    /**
     * A pattern.
     *
     * @param name   its name
     * @param system the system prompt
     * @param user   the user template, or {@code null} (the body is then the user turn)
     * @param source where it was found
     */
    public record Pattern(String name, String system, String user, String source) {

        /** The system prompt and user text for {@code input}. */
        public String[] apply(String input) {
            String sys = system.replace("{{input}}", input);
            String usr = user == null ? input : user.replace("{{input}}", input);
            return new String[]{sys, usr};
        }
    }

    /** Every pattern name with where it comes from (first found wins). */
    public TreeMap<String, String> list() {
        TreeMap<String, String> all = new TreeMap<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    if (Files.isRegularFile(entry.resolve("system.md"))) {
                        all.putIfAbsent(entry.getFileName().toString(), dir.toString());
                    }
                }
            } catch (IOException e) {
                // an unreadable directory offers nothing
            }
        }
        BUNDLED.forEach(name -> all.putIfAbsent(name, "bundled"));
        return all;
    }

    /**
     * The pattern {@code name}.
     *
     * @throws IllegalArgumentException when no directory has it (the message lists the known ones)
     */
    public Pattern find(String name) {
        if (!name.matches("[A-Za-z0-9_.-]+") || name.startsWith(".")) {
            throw new IllegalArgumentException("'" + name + "' is not a pattern name");
        }
        for (Path dir : directories) {
            Path system = dir.resolve(name).resolve("system.md");
            if (Files.isRegularFile(system)) {
                try {
                    Path user = dir.resolve(name).resolve("user.md");
                    return new Pattern(name, Files.readString(system),
                            Files.isRegularFile(user) ? Files.readString(user) : null, dir.resolve(name).toString());
                } catch (IOException e) {
                    throw new IllegalArgumentException("Cannot read pattern " + name + ": " + e.getMessage(), e);
                }
            }
        }
        Optional<String> bundled = resource(name + "/system.md");
        if (bundled.isPresent()) {
            return new Pattern(name, bundled.get(), resource(name + "/user.md").orElse(null), "bundled");
        }
        List<String> known = new ArrayList<>(list().keySet());
        throw new IllegalArgumentException("No pattern '" + name + "'. Known patterns: " + String.join(", ", known)
                + ". Add one as " + directories.get(0).resolve(name).resolve("system.md"));
    }

    private static Optional<String> resource(String path) {
        try (InputStream in = Patterns.class.getResourceAsStream("/ai/patterns/" + path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
