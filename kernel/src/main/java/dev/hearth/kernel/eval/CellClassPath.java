package dev.hearth.kernel.eval;

import jdk.jshell.JShell;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * What the compiler inside JShell sees of the kernel: Hearth's own classes ({@code dev/hearth/}),
 * never the libraries the kernel carries, so a cell compiles against the library versions it
 * loaded itself. A class directory or jar of Hearth classes only is used as it is; from a jar that
 * also holds libraries (the shaded kernel jar) the Hearth classes are copied once into a cache jar
 * in the user's private directory under the system's temporary files, keyed by the jar's path,
 * size and time.
 */
final class CellClassPath {

    private static final System.Logger LOG = System.getLogger(CellClassPath.class.getName());
    private static final String HEARTH = "dev/hearth/";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private CellClassPath() {
    }

    /**
     * Builds JShell with the compiler's class path limited to Hearth's classes. JShell's compiler
     * takes its initial class path from {@code java.class.path} when it is built (there is no
     * option for it), so the property is narrowed for that moment and then restored.
     */
    static JShell build(JShell.Builder builder) {
        List<String> hearth = forKernel();
        synchronized (CellClassPath.class) {
            String kernelClassPath = System.getProperty("java.class.path", "");
            System.setProperty("java.class.path", String.join(File.pathSeparator, hearth));
            try {
                JShell jshell = builder.build();
                if (!hearth.isEmpty()) {
                    // sets the compiler's path explicitly now; its file manager would otherwise read the
                    // property lazily at the first compile, after it is restored
                    jshell.addToClasspath(hearth.get(0));
                }
                return jshell;
            } finally {
                System.setProperty("java.class.path", kernelClassPath);
            }
        }
    }

    /** The compiler class path entries for the kernel's own class path. */
    static List<String> forKernel() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                hearthPart(Path.of(entry)).ifPresent(p -> entries.add(p.toString()));
            } catch (IOException | UncheckedIOException e) {
                LOG.log(System.Logger.Level.WARNING, "class path entry " + entry + " left out of cells: " + e);
            }
        }
        return entries;
    }

    private static java.util.Optional<Path> hearthPart(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            return Files.isDirectory(entry.resolve(HEARTH)) ? java.util.Optional.of(entry) : java.util.Optional.empty();
        }
        if (!Files.isRegularFile(entry)) {
            return java.util.Optional.empty();
        }
        try (ZipFile jar = new ZipFile(entry.toFile())) {
            boolean hearth = false;
            boolean other = false;
            for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    if (name.startsWith(HEARTH)) {
                        hearth = true;
                    } else {
                        other = true;
                    }
                }
            }
            if (!hearth) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(other ? extracted(entry, jar) : entry);
        }
    }

    private static Path extracted(Path jarPath, ZipFile jar) throws IOException {
        long stamp = Files.getLastModifiedTime(jarPath).toMillis();
        String key = Integer.toHexString(jarPath.toAbsolutePath().toString().hashCode()) + "-"
                + Long.toHexString(Files.size(jarPath)) + "-" + Long.toHexString(stamp);
        // a jar, not a directory: javac indexes a jar once, a directory it lists again at every compile
        Path cache = privateCacheDirectory(Path.of(System.getProperty("java.io.tmpdir")))
                .resolve("hearth-cell-classes-" + key + ".jar");
        if (Files.isRegularFile(cache)) {
            return cache;
        }
        Path staging = Files.createTempFile(cache.getParent(), "hearth-cell-classes-staging", ".jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(staging))) {
            for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
                ZipEntry zipEntry = e.nextElement();
                String name = zipEntry.getName();
                if (zipEntry.isDirectory() || !name.startsWith(HEARTH) || name.contains("..")) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(name));
                try (InputStream in = jar.getInputStream(zipEntry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        } catch (IOException e) {
            Files.deleteIfExists(staging);
            throw e;
        }
        // another kernel may have made the same copy first: the same bytes, so replacing it is harmless
        Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return cache;
    }

    /**
     * The user's own directory for the cache under {@code tmp} (shared by every user of the
     * machine): made 0700 and used only if it is a real directory of this user that nobody else can
     * write; otherwise (someone made that name first) a fresh private directory for this process.
     */
    static Path privateCacheDirectory(Path tmp) throws IOException {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = tmp.resolve("hearth-cell-classes-" + user);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException existing) {
            // checked below
        } catch (UnsupportedOperationException notPosix) {
            return Files.createDirectories(dir);
        }
        if (isOwnPrivateDirectory(tmp, dir)) {
            return dir;
        }
        LOG.log(System.Logger.Level.WARNING, dir + " is not a private directory of this user: using a fresh one");
        return Files.createTempDirectory(tmp, "hearth-cell-classes-");
    }

    private static boolean isOwnPrivateDirectory(Path tmp, Path dir) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Path probe = Files.createTempFile(tmp, "hearth-owner-", ".probe");
        try {
            return attributes.isDirectory() && attributes.owner().equals(Files.getOwner(probe))
                    && attributes.permissions().equals(OWNER_ONLY);
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
