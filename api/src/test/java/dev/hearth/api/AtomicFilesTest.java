package dev.hearth.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real files: long names, kept permissions, left-behind temporaries, a failed write. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void namesUpToTheFileSystemLimitWork() throws IOException {
        for (int length : new int[] {240, 250, 255}) {
            Path target = dir.resolve("n".repeat(length - 3) + ".md");
            AtomicFiles.write(target, "long".getBytes());
            assertEquals("long", Files.readString(target));
        }
        assertEquals(List.of(), hidden());
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Path target = dir.resolve("shared.txt");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFiles.write(target, "new".getBytes());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.write(target, "newer".getBytes());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals("newer", Files.readString(target));
    }

    @Test
    void aTemporaryLeftByAKilledWriteIsRemovedByTheNextWrite() throws IOException {
        Path target = dir.resolve("notes.md");
        Path stale = dir.resolve(AtomicFiles.temporaryPrefix("notes.md") + "k1lled.tmp");
        Path fresh = dir.resolve(AtomicFiles.temporaryPrefix("notes.md") + "inflight.tmp");
        Path othersFile = dir.resolve(AtomicFiles.temporaryPrefix("other.md") + "k1lled.tmp");
        for (Path p : List.of(stale, fresh, othersFile)) {
            Files.writeString(p, "half a wri");
        }
        FileTime old = FileTime.from(Instant.now().minus(AtomicFiles.STALE_AFTER).minusSeconds(60));
        Files.setLastModifiedTime(stale, old);
        Files.setLastModifiedTime(othersFile, old);
        AtomicFiles.write(target, "whole".getBytes());
        assertEquals("whole", Files.readString(target));
        assertEquals(List.of(fresh.getFileName().toString(), othersFile.getFileName().toString()), hidden(),
                "only the stale temporary of this file is gone; a write in progress and other files' are kept");
    }

    @Test
    void aFailedWriteChangesNothingAndLeavesNothing() throws IOException {
        Path target = dir.resolve("keep.md");
        Files.writeString(target, "original");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("original", Files.readString(target));
        assertEquals(List.of(), hidden());
    }

    @Test
    void throughAnOpenDirectoryTheSameHolds() throws IOException {
        Path target = dir.resolve("n".repeat(250) + ".md");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        Path stale = dir.resolve(AtomicFiles.temporaryPrefix(target.getFileName().toString()) + "k1lled.tmp");
        Files.writeString(stale, "half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(AtomicFiles.STALE_AFTER).minusSeconds(60)));
        try (var handle = Files.newDirectoryStream(dir)) {
            var secure = assertInstanceOf(java.nio.file.SecureDirectoryStream.class, handle, "Linux has secure directory handles");
            @SuppressWarnings("unchecked")
            java.nio.file.SecureDirectoryStream<Path> open = secure;
            AtomicFiles.write(open, target.getFileName().toString(), out -> out.write("new".getBytes()));
        }
        assertEquals("new", Files.readString(target));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals(List.of(), hidden(), "the stale temporary is gone and no new one is left");
    }

    private List<String> hidden() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        }
    }
}
