package dev.hearth.kernel.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cache of Hearth's classes for the cells' compiler lives under the shared temporary
 * directory: only in a directory nobody else could have filled.
 */
class CellClassPathTest {

    @TempDir
    Path tmp;

    @Test
    void theCacheDirectoryIsTheUsersAndPrivate() throws Exception {
        Path dir = CellClassPath.privateCacheDirectory(tmp);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals(dir, CellClassPath.privateCacheDirectory(tmp), "the same directory next time");
    }

    @Test
    void aDirectoryOthersCanWriteIsNotUsed() throws Exception {
        String user = System.getProperty("user.name").replaceAll("[^A-Za-z0-9._-]", "_");
        Path planted = Files.createDirectory(tmp.resolve("hearth-cell-classes-" + user));
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path dir = CellClassPath.privateCacheDirectory(tmp);
        assertNotEquals(planted, dir);
        assertTrue(dir.startsWith(tmp));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void aSymlinkInPlaceOfTheDirectoryIsNotFollowed() throws Exception {
        String user = System.getProperty("user.name").replaceAll("[^A-Za-z0-9._-]", "_");
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(tmp.resolve("hearth-cell-classes-" + user), elsewhere);
        assertNotEquals(link, CellClassPath.privateCacheDirectory(tmp));
    }
}
