package dev.hearth.kernel.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files in the Hearth home are the user's alone: the history holds every cell (and
 * so what was typed into {@code %config}), chats hold conversations. Folders Hearth creates there
 * are {@code 0700} and files {@code 0600}, on file systems with POSIX permissions.
 */
public final class HearthHome {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private HearthHome() {
    }

    /**
     * Makes {@code home} the user's alone: creates it {@code 0700}, or takes the group's and
     * others' access away from an existing one (an older Hearth created it {@code 0755}).
     */
    public static Path secure(Path home) throws IOException {
        createPrivateDirectories(home);
        if (posix() && !Files.getPosixFilePermissions(home).equals(FOLDER)) {
            Files.setPosixFilePermissions(home, FOLDER);
        }
        return home;
    }

    /** Creates {@code dir} and its missing parents, each readable by the user only. */
    public static Path createPrivateDirectories(Path dir) throws IOException {
        if (!posix()) {
            return Files.createDirectories(dir);
        }
        return Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
    }

    /** Creates {@code file} empty if missing, and makes it readable and writable by the user only. */
    public static Path privateFile(Path file) throws IOException {
        if (!posix()) {
            return Files.exists(file) ? file : Files.createFile(file);
        }
        if (!Files.exists(file)) {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        }
        if (!Files.getPosixFilePermissions(file).equals(FILE)) {
            Files.setPosixFilePermissions(file, FILE);
        }
        return file;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
