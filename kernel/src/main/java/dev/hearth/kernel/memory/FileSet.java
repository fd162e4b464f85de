package dev.hearth.kernel.memory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files one ingest covers: one file, a directory tree or a glob under its fixed prefix.
 * Symbolic links are followed (a vault root that is a link, linked subfolders); a link loop, a
 * dangling link or an unreadable folder is recorded as a problem with its reason, and the walk
 * goes on. A file reached twice through links is taken once.
 *
 * @param root     the directory paths are relative to (the file's folder for a single file)
 * @param glob     the glob matcher, or {@code null}
 * @param files    the files to read, sorted
 * @param problems what could not be walked, each with its reason
 */
record FileSet(Path root, PathMatcher glob, List<Path> files, List<IngestSummary.Skipped> problems) {

    static FileSet resolve(String pathOrGlob) {
        if (pathOrGlob == null || pathOrGlob.isBlank()) {
            throw new IllegalArgumentException("Nothing to ingest: give a file, a directory or a glob");
        }
        String expanded = HomePath.expand(pathOrGlob.strip());
        int wild = indexOfWildcard(expanded);
        Path root;
        PathMatcher glob = null;
        if (wild >= 0) {
            int slash = expanded.lastIndexOf('/', wild);
            root = Path.of(slash < 0 ? "." : expanded.substring(0, Math.max(slash, 1))).toAbsolutePath().normalize();
            glob = FileSystems.getDefault().getPathMatcher("glob:" + root + "/" + expanded.substring(slash + 1));
        } else {
            root = Path.of(expanded).toAbsolutePath().normalize();
            if (!Files.exists(root)) {
                throw new IllegalArgumentException(Files.isSymbolicLink(root)
                        ? "The link " + root + " points to nothing (dangling symbolic link)"
                        : "No such file or directory: " + root);
            }
        }
        List<Path> files = new ArrayList<>();
        List<IngestSummary.Skipped> problems = new ArrayList<>();
        if (Files.isRegularFile(root)) {
            Path file = root;
            // paths relative to the file's folder; deletions looked for in this one file only
            return new FileSet(root.getParent() == null ? root : root.getParent(), file::equals, List.of(root), problems);
        }
        if (Files.isDirectory(root)) {
            walk(root, glob, files, problems);
        }
        files.sort(null);
        return new FileSet(root, glob, List.copyOf(files), List.copyOf(problems));
    }

    private static void walk(Path root, PathMatcher glob, List<Path> files, List<IngestSummary.Skipped> problems) {
        Set<Path> seen = new HashSet<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && hidden(root, dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (hidden(root, file) || !(glob == null ? DocumentReader.supports(file) : glob.matches(file))) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isSymbolicLink()) {
                        problems.add(new IngestSummary.Skipped(file.toString(), "dangling symbolic link (its target does not exist)"));
                    } else if (attrs.isRegularFile() && seen.add(realPath(file))) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!hidden(root, file)) {
                        problems.add(new IngestSummary.Skipped(file.toString(), reason(e)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(new IngestSummary.Skipped(root.toString(), reason(e)));
        }
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file;
        }
    }

    /** A short reason for a file or folder that cannot be walked or read. */
    static String reason(IOException e) {
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop (it leads back to a folder above it); not followed";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "vanished while reading";
        }
        return "unreadable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }

    private static int indexOfWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            if ("*?[{".indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Dot-folders (.obsidian, .git, .trash), Logseq's own folder and node_modules hold no notes. */
    private static boolean hidden(Path root, Path file) {
        if (!file.startsWith(root)) {
            return false;
        }
        for (Path part : root.relativize(file)) {
            String name = part.toString();
            if (name.startsWith(".") || name.equals("logseq") || name.equals("node_modules")) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code source} falls under this set (for finding deleted files). */
    boolean covers(String source) {
        Path p = Path.of(source);
        if (glob != null) {
            return glob.matches(p);
        }
        return p.startsWith(root) && !hidden(root, p) && DocumentReader.supports(p);
    }

    /** {@code file} relative to the root, with forward slashes. */
    String relative(Path file) {
        return file.startsWith(root) ? root.relativize(file).toString().replace('\\', '/') : file.getFileName().toString();
    }
}
