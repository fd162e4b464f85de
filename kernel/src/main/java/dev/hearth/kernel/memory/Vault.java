package dev.hearth.kernel.memory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The notes of one ingest by name, for resolving {@code ![[embeds]]}: Obsidian's shortest-path
 * names ({@code Note}), paths from the root ({@code Folder/Note}), and Logseq page names
 * ({@code a/b} for the file {@code a___b.md}).
 */
final class Vault {

    /** No notes: embeds are reduced to their titles. */
    static final Vault EMPTY = new Vault(Path.of("/"), List.of());

    private final Map<String, Path> byName = new HashMap<>();

    Vault(Path root, List<Path> files) {
        for (Path f : files) {
            String name = strip(f.getFileName().toString());
            byName.putIfAbsent(key(name), f);
            byName.putIfAbsent(key(name.replace("___", "/").replace("%2F", "/")), f);
            if (f.startsWith(root)) {
                byName.putIfAbsent(key(strip(root.relativize(f).toString().replace('\\', '/'))), f);
            }
        }
    }

    /** The note {@code target} names (with or without its extension), if it is part of the ingest. */
    Optional<Path> resolve(String target) {
        return Optional.ofNullable(byName.get(key(strip(target.strip()))));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String strip(String name) {
        return name.endsWith(".md") || name.endsWith(".org") ? name.substring(0, name.lastIndexOf('.')) : name;
    }
}
