package dev.hearth.plugins.files;

import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.AtomicFiles;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The directory the files actions are confined to (setting {@code files.root}). Every path given
 * by a caller is relative to it, or absolute and inside it; anything that would leave it is
 * refused: {@code ..}, absolute paths outside, NUL bytes, and symbolic links (or dangling links)
 * that point outside.
 *
 * <p>Checking a path and then opening it leaves a gap in which someone inside the root could swap
 * a folder for a link to outside. {@link #openForReading}, {@link #list} and {@link #write} close
 * it: they open the checked real path one component at a time from the root's own directory
 * handle, following no link at any step, so a swap makes the call fail rather than reach outside.
 */
final class Sandbox {

    private final Path root;
    private final Path configured;

    private Sandbox(Path root, Path configured) {
        this.root = root;
        this.configured = configured;
    }

    /** The sandbox configured for this call. */
    static Sandbox of(ActionContext context) {
        Path configured = context.settings().getPath("root").orElseThrow(() -> new ActionException(
                "files.root is not set: choose the directory these actions may use, e.g. %config files.root=~/notes"));
        try {
            return new Sandbox(configured.toRealPath(), configured.toAbsolutePath().normalize());
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
            relative = insideRoot(given, relative);
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

    /** An absolute path as a path relative to the root, when it is inside it (as the root is configured, or really). */
    private Path insideRoot(String given, Path absolute) {
        Path normal = absolute.normalize();
        for (Path base : new Path[] {root, configured}) {
            if (normal.isAbsolute() && normal.startsWith(base)) {
                return base.relativize(normal);
            }
        }
        throw refused(given, "it is outside files.root (" + root + "); give a path relative to it, or inside it");
    }

    /**
     * Opens {@code file} (a path {@link #resolve} gave) for reading. Links inside the root are
     * followed by the check; the open itself follows none.
     *
     * @throws ActionException when the file changed into a link (or away) between the check and the open
     * @throws IOException     when it cannot be read
     */
    SeekableByteChannel openForReading(String given, Path file) throws IOException {
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ActionException("no file '" + given + "' under files.root");
        }
        if (!real.startsWith(root)) {
            throw refused(given, "a symbolic link points outside files.root");
        }
        SecureDirectoryStream<Path> dir = openDirectory(given, real.getParent());
        if (dir == null) {
            return Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        }
        try (dir) {
            return dir.newByteChannel(real.getFileName(), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (FileSystemException e) {
            throw changed(given);
        }
    }

    /**
     * The entries of the folder {@code dir} (a path {@link #resolve} gave), sorted, with their
     * attributes (links not followed), read through a handle opened from the root without
     * following links.
     *
     * @throws ActionException when the folder changed into a link (or away) after the check
     */
    SortedMap<Path, BasicFileAttributes> list(String given, Path dir) throws IOException {
        Path real = dir.toRealPath();
        if (!real.startsWith(root)) {
            throw refused(given, "a symbolic link points outside files.root");
        }
        SortedMap<Path, BasicFileAttributes> entries = new TreeMap<>();
        SecureDirectoryStream<Path> handle = openDirectory(given, real);
        if (handle == null) {
            try (Stream<Path> children = Files.list(real)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    entries.put(child, Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
                }
            }
            return entries;
        }
        try (handle) {
            for (Path entry : handle) {
                Path name = entry.getFileName();
                entries.put(real.resolve(name), handle.getFileAttributeView(name, BasicFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS).readAttributes());
            }
        } catch (FileSystemException e) {
            throw changed(given);
        }
        return entries;
    }

    /**
     * Writes {@code bytes} to {@code file} (a path {@link #resolve} gave; for an existing file, its
     * real path) atomically. The folders are created as needed; the file is then written through
     * the handle of its folder, opened from the root without following links.
     */
    void write(String given, Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path folder = file.getParent().toRealPath();
        if (!folder.startsWith(root)) {
            throw refused(given, "a symbolic link points outside files.root");
        }
        SecureDirectoryStream<Path> dir = openDirectory(given, folder);
        if (dir == null) {
            AtomicFiles.write(folder.resolve(file.getFileName()), bytes);
            return;
        }
        try (dir) {
            AtomicFiles.write(dir, file.getFileName().toString(), out -> out.write(bytes));
        } catch (FileSystemException e) {
            throw changed(given);
        }
    }

    /**
     * Opens {@code realDir} (inside the root) one component at a time from the root's own handle,
     * following no link, or {@code null} when the file system has no secure directory handles.
     */
    private SecureDirectoryStream<Path> openDirectory(String given, Path realDir) throws IOException {
        DirectoryStream<Path> top = Files.newDirectoryStream(root);
        if (!(top instanceof SecureDirectoryStream<Path> dir)) {
            top.close();
            return null;
        }
        Path relative = root.relativize(realDir);
        try {
            for (int i = 0; i < relative.getNameCount(); i++) {
                if (relative.getName(i).toString().isEmpty()) {
                    continue; // the root itself
                }
                SecureDirectoryStream<Path> next = dir.newDirectoryStream(relative.getName(i), LinkOption.NOFOLLOW_LINKS);
                dir.close();
                dir = next;
            }
            return dir;
        } catch (FileSystemException e) {
            dir.close();
            // ELOOP (a link now), ENOTDIR, ENOENT: the path changed after it was checked
            throw changed(given);
        }
    }

    private ActionException changed(String given) {
        return refused(given, "it changed while it was being opened (a link or a missing folder on the way)");
    }

    private ActionException refused(String given, String why) {
        return new ActionException("refused path '" + given.replace("\0", "\\0") + "': " + why);
    }
}
