package dev.hearth.plugins.files;

import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer inside the root keeps swapping a folder for a link to a folder outside while
 * {@code files.read} reads a file in it (or {@code files.write} writes one): no read may ever
 * return the outside file, no write may land outside. Bounded in time (a few seconds each), and
 * each checks that the swap really raced with the calls.
 */
class SandboxRaceTest {

    @TempDir
    Path base;

    @Test
    void aFolderSwappedForALinkNeverLeaksAnOutsideFile() throws Exception {
        Path root = Files.createDirectories(base.resolve("root"));
        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("note.txt"), "OUTSIDE secret");
        Path folder = Files.createDirectories(root.resolve("d"));
        Files.writeString(folder.resolve("note.txt"), "inside note");
        ActionContext context = ActionContext.builder().settings(ActionSettings.of(Map.of("root", root.toString()))).build();
        FilesReadAction read = new FilesReadAction();
        var input = read.spec().validate(Map.of("path", "d/note.txt"));

        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = swapper(folder, outside, stop);
        int inside = 0;
        int refused = 0;
        int leaked = 0;
        long end = System.nanoTime() + 4_000_000_000L;
        try {
            while (System.nanoTime() < end) {
                try {
                    String text = read.invoke(input, context).text();
                    if (text.contains("OUTSIDE")) {
                        leaked++;
                    } else {
                        inside++;
                    }
                } catch (ActionException | IOException e) {
                    refused++; // the folder was a link or missing at that moment
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertEquals(0, leaked, "reads that returned the outside file (" + inside + " inside, " + refused + " refused)");
        assertTrue(inside > 0 && refused > 0, "the swap raced with the reads: " + inside + " inside, " + refused + " refused");
    }

    @Test
    void aFolderSwappedForALinkNeverReceivesAWrite() throws Exception {
        Path root = Files.createDirectories(base.resolve("root"));
        Path outside = Files.createDirectories(base.resolve("outside"));
        Path folder = Files.createDirectories(root.resolve("d"));
        ActionContext context = ActionContext.builder().settings(ActionSettings.of(Map.of("root", root.toString()))).build();
        FilesWriteAction write = new FilesWriteAction();
        var input = write.spec().validate(Map.of("path", "d/out.txt", "content", "written", "overwrite", true));
        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = swapper(folder, outside, stop);
        int written = 0;
        int refused = 0;
        long end = System.nanoTime() + 3_000_000_000L;
        try {
            while (System.nanoTime() < end && !Files.exists(outside.resolve("out.txt"))) {
                try {
                    write.invoke(input, context);
                    written++;
                } catch (ActionException | IOException e) {
                    refused++;
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        try (var left = Files.list(outside)) {
            assertEquals(java.util.List.of(), left.toList(), "files written outside (" + written + " written, " + refused + " refused)");
        }
        assertTrue(written > 0 && refused > 0, "the swap raced with the writes: " + written + " written, " + refused + " refused");
    }

    /** A thread that keeps swapping {@code folder} for a link to {@code outside} and back until {@code stop}. */
    private static Thread swapper(Path folder, Path outside, AtomicBoolean stop) {
        Path parked = folder.resolveSibling(folder.getFileName() + "-parked");
        Thread swapper = new Thread(() -> {
            while (!stop.get()) {
                try {
                    if (Files.exists(parked, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        // a write recreated the folder while it was parked: drop that stray one (inside the root)
                        if (Files.isSymbolicLink(folder)) {
                            Files.delete(folder);
                        } else if (Files.isDirectory(folder)) {
                            try (var stray = Files.walk(folder)) {
                                for (Path p : stray.sorted(java.util.Comparator.reverseOrder()).toList()) {
                                    Files.deleteIfExists(p);
                                }
                            }
                        }
                        Files.move(parked, folder);
                    }
                    Files.move(folder, parked);
                    Files.createSymbolicLink(folder, outside);
                    Files.delete(folder);
                    Files.move(parked, folder);
                } catch (IOException e) {
                    // retry the swap
                }
            }
        });
        swapper.start();
        return swapper;
    }
}
