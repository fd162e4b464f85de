package dev.hearth.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replacing a file so that readers see the old or the new content, never half of it: the content
 * is written to a hidden temporary file beside the target, then moved over it.
 *
 * <ul>
 *   <li>A replaced file keeps its permissions; a new one gets the process's default (umask).</li>
 *   <li>The temporary name stays short, so a target name of up to 255 bytes works.</li>
 *   <li>A temporary file left behind by a process killed mid-write ({@code kill -9}) is removed
 *       by the next write of the same file, once it is older than {@link #STALE_AFTER}.</li>
 * </ul>
 */
public final class AtomicFiles {

    /** Writes content to a stream. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** How old another write's temporary file must be before it is taken as left behind by a crash. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(1);

    private static final String SUFFIX = ".tmp";
    /** Characters of the target's name kept in the temporary name (so it still says whose it is). */
    private static final int NAME_KEPT = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Replaces (or creates) {@code target} with {@code bytes}, creating its folder if needed. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Replaces (or creates) {@code target} with what {@code content} writes; nothing changes if it throws. */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String name = target.getFileName().toString();
        removeStaleTemporaries(dir, name);
        Path temp = createTemporary(dir, name);
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            keepPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Replaces (or creates) the file {@code name} in the open directory {@code dir} with what
     * {@code content} writes, following no symbolic link: the temporary file is created, and the
     * move done, relative to {@code dir}'s handle. Use it when someone else may swap the directory
     * for a link between a check of its path and the write (a sandbox); the same guarantees as
     * {@link #write(Path, Content)} otherwise.
     */
    public static void write(SecureDirectoryStream<Path> dir, String name, Content content) throws IOException {
        Path target = Path.of(name);
        removeStaleTemporaries(dir, name);
        Path temp = null;
        SeekableByteChannel channel = null;
        for (int attempt = 0; temp == null; attempt++) {
            Path candidate = Path.of(temporaryPrefix(name) + Long.toUnsignedString(RANDOM.nextLong(), 36) + SUFFIX);
            try {
                channel = dir.newByteChannel(candidate, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS));
                temp = candidate;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
        try {
            try (OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
            }
            PosixFileAttributeView existing = dir.getFileAttributeView(target, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (existing != null) {
                try {
                    Set<PosixFilePermission> permissions = existing.readAttributes().permissions();
                    dir.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setPermissions(permissions);
                } catch (NoSuchFileException e) {
                    // a new file: it keeps the default permissions
                }
            }
            dir.move(temp, dir, target);
            temp = null;
        } finally {
            if (temp != null) {
                try {
                    dir.deleteFile(temp);
                } catch (NoSuchFileException e) {
                    // already gone
                }
            }
        }
    }

    private static void removeStaleTemporaries(SecureDirectoryStream<Path> dir, String name) {
        Pattern ours = temporaryPattern(name);
        FileTime staleBefore = FileTime.from(Instant.now().minus(STALE_AFTER));
        try (SecureDirectoryStream<Path> listing = dir.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS)) {
            for (Path entry : listing) {
                Path leftover = entry.getFileName();
                if (ours.matcher(leftover.toString()).matches()) {
                    BasicFileAttributes attributes = dir.getFileAttributeView(leftover, BasicFileAttributeView.class,
                            LinkOption.NOFOLLOW_LINKS).readAttributes();
                    if (attributes.isRegularFile() && attributes.lastModifiedTime().compareTo(staleBefore) < 0) {
                        dir.deleteFile(leftover);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // cleaning up is a courtesy; the write itself must not fail for it
        }
    }

    private static Pattern temporaryPattern(String name) {
        return Pattern.compile(Pattern.quote(temporaryPrefix(name)) + "[0-9a-z]+" + Pattern.quote(SUFFIX));
    }

    /** The prefix of every temporary file for a target named {@code name}. */
    static String temporaryPrefix(String name) {
        String kept = name.length() > NAME_KEPT ? name.substring(0, NAME_KEPT) : name;
        return "." + kept + ".";
    }

    private static Path createTemporary(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve(temporaryPrefix(name) + Long.toUnsignedString(RANDOM.nextLong(), 36) + SUFFIX);
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    private static void removeStaleTemporaries(Path dir, String name) {
        Pattern ours = temporaryPattern(name);
        FileTime staleBefore = FileTime.from(Instant.now().minus(STALE_AFTER));
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir,
                p -> ours.matcher(p.getFileName().toString()).matches())) {
            for (Path leftover : leftovers) {
                if (Files.isRegularFile(leftover, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(leftover, LinkOption.NOFOLLOW_LINKS).compareTo(staleBefore) < 0) {
                    Files.deleteIfExists(leftover);
                }
            }
        } catch (IOException e) {
            // cleaning up is a courtesy; the write itself must not fail for it
        }
    }

    private static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view == null || !Files.exists(target)) {
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        Files.setPosixFilePermissions(temp, permissions);
    }
}
