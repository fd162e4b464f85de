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
 * {@code files.read} reads a file in it: no read may ever return the outside file. Bounded in
 * time (a few seconds), and it checks that the swap really raced with the reads.
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
        Path parked = root.resolve("d-parked");
        ActionContext context = ActionContext.builder().settings(ActionSettings.of(Map.of("root", root.toString()))).build();
        FilesReadAction read = new FilesReadAction();
        var input = read.spec().validate(Map.of("path", "d/note.txt"));

        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            while (!stop.get()) {
                try {
                    Files.move(folder, parked);
                    Files.createSymbolicLink(folder, outside);
                    Files.delete(folder);
                    Files.move(parked, folder);
                } catch (IOException e) {
                    // a read may hold nothing that stops a rename; retry the swap
                }
            }
        });
        swapper.start();
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
}
