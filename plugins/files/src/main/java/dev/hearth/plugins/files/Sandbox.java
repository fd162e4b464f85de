package dev.hearth.plugins.files;

import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The directory the files actions are confined to (setting {@code files.root}). Every path given
 * by a caller is relative to it; anything that would leave it is refused: {@code ..}, absolute
 * paths, NUL bytes, and symbolic links (or dangling links) that point outside.
 */
final class Sandbox {

    private final Path root;

    private Sandbox(Path root) {
        this.root = root;
    }

    /** The sandbox configured for this call. */
    static Sandbox of(ActionContext context) {
        Path configured = context.settings().getPath("root").orElseThrow(() -> new ActionException(
                "files.root is not set: choose the directory these actions may use, e.g. %config files.root=~/notes"));
        try {
            return new Sandbox(configured.toRealPath());
        } catch (IOException e) {
            throw new ActionException("files.root " + configured + " does not exist or cannot be read");
        }
    }

    /** The real path of the root. */
    Path root() {
        return root;
    }

    /** {@code path} relative to the root, for display. */
    String relative(Path path) {
        String rel = root.relativize(path).toString().replace('\\', '/');
        return rel.isEmpty() ? "." : rel;
    }

    /**
     * Resolves {@code given} inside the root.
     *
     * @throws ActionException when it would leave the root
     */
    Path resolve(String given) {
        if (given.indexOf('\0') >= 0) {
            throw refused(given, "it contains a NUL byte");
        }
        Path relative;
        try {
            relative = Path.of(given.isBlank() ? "." : given);
        } catch (InvalidPathException e) {
            throw refused(given, "it is not a valid path");
        }
        if (relative.isAbsolute() || given.startsWith("/") || given.startsWith("\\")) {
            throw refused(given, "absolute paths are not allowed; give a path relative to files.root");
        }
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root)) {
            throw refused(given, "it leaves files.root");
        }
        // the deepest part that exists (a link counts even when dangling) must really be inside
        Path existing = candidate;
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            if (!existing.toRealPath().startsWith(root)) {
                throw refused(given, "a symbolic link points outside files.root");
            }
        } catch (IOException e) {
            throw refused(given, "a symbolic link in it points nowhere");
        }
        return candidate;
    }

    private ActionException refused(String given, String why) {
        return new ActionException("refused path '" + given.replace("\0", "\\0") + "': " + why);
    }
}
