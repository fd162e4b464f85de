package dev.hearth.kernel.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Hearth home and its history are the user's alone, also when an older Hearth made them readable. */
class HearthHomeTest {

    @TempDir
    Path dir;

    @Test
    void aNewHomeIsPrivateAndAnOldReadableOneIsTightened() throws Exception {
        Path fresh = HearthHome.secure(dir.resolve("fresh/.hearth"));
        assertEquals("rwx------", permissions(fresh));

        Path old = Files.createDirectories(dir.resolve("old/.hearth"));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path history = Files.writeString(Files.createDirectories(old.resolve("history")).resolve("history.jsonl"), "{}\n");
        Files.setPosixFilePermissions(history, PosixFilePermissions.fromString("rw-r--r--"));
        HearthHome.secure(old);
        HearthHome.privateFile(history);
        assertEquals("rwx------", permissions(old));
        assertEquals("rw-------", permissions(history));
        assertEquals("{}\n", Files.readString(history), "tightening keeps the content");

        Path folder = HearthHome.createPrivateDirectories(dir.resolve("fresh/.hearth/chats/deep"));
        assertEquals("rwx------", permissions(folder));
        assertEquals("rwx------", permissions(folder.getParent()));
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
