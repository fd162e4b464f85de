package dev.hearth.plugins.files;

import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
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
    Path root;
    Path outside;
    Path folder;
    ActionContext context;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectories(base.resolve("root"));
        outside = Files.createDirectories(base.resolve("outside"));
        folder = Files.createDirectories(root.resolve("d"));
        context = ActionContext.builder().settings(ActionSettings.of(Map.of("root", root.toString()))).build();
    }

    /** Where one call during a race went: into the folder, nowhere (refused, or the folder was missing), or outside. */
    enum Reached { INSIDE, NOWHERE, OUTSIDE;

        static Reached outsideIf(boolean outside) {
            return outside ? OUTSIDE : INSIDE;
        }
    }

    /** How the calls made during a race ended. */
    record Tally(int inside, int refused, int outside) {
        void assertNoneOutside(String what) {
            assertEquals(0, outside, what + " that reached the outside folder (" + inside + " inside, " + refused + " refused)");
            assertTrue(inside > 0 && refused > 0, "the swap raced with the " + what + ": " + inside + " inside, "
                    + refused + " refused");
        }
    }

    /** Calls {@code call} for {@code seconds} while the folder is swapped, until one call gets outside. */
    private Tally race(int seconds, Callable<Reached> call) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = swapper(folder, outside, stop);
        int inside = 0;
        int refused = 0;
        int out = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try {
            while (System.nanoTime() < end && out == 0) {
                try {
                    switch (call.call()) {
                        case OUTSIDE -> out++;
                        case INSIDE -> inside++;
                        case NOWHERE -> refused++;
                    }
                } catch (ActionException | IOException e) {
                    refused++; // the folder was a link or missing at that moment
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        return new Tally(inside, refused, out);
    }

    @Test
    void aFolderSwappedForALinkNeverLeaksAnOutsideFile() throws Exception {
        Files.writeString(outside.resolve("note.txt"), "OUTSIDE secret");
        Files.writeString(folder.resolve("note.txt"), "inside note");
        FilesReadAction read = new FilesReadAction();
        var input = read.spec().validate(Map.of("path", "d/note.txt"));
        race(4, () -> Reached.outsideIf(read.invoke(input, context).text().contains("OUTSIDE"))).assertNoneOutside("reads");
    }

    @Test
    void aFolderSwappedForALinkNeverListsTheOutside() throws Exception {
        Files.writeString(outside.resolve("outside-secret.txt"), "x");
        Files.writeString(folder.resolve("inside.txt"), "y");
        FilesListAction list = new FilesListAction();
        var input = list.spec().validate(Map.of("path", "d"));
        race(3, () -> Reached.outsideIf(list.invoke(input, context).text().contains("outside-secret")))
                .assertNoneOutside("listings");
    }

    @Test
    void aFolderSwappedForALinkNeverReceivesAWrite() throws Exception {
        FilesWriteAction write = new FilesWriteAction();
        var input = write.spec().validate(Map.of("path", "d/out.txt", "content", "written", "overwrite", true));
        race(3, () -> {
            write.invoke(input, context);
            return Reached.outsideIf(Files.exists(outside.resolve("out.txt")));
        }).assertNoneOutside("writes");
    }

    @Test
    void aFolderSwappedForALinkIsNeverSearchedOutside() throws Exception {
        Files.writeString(outside.resolve("note.txt"), "needle OUTSIDE\n");
        Files.writeString(folder.resolve("note.txt"), "needle inside\n");
        FilesSearchAction search = new FilesSearchAction();
        var input = search.spec().validate(Map.of("query", "needle"));
        race(6, () -> {
            String text = search.invoke(input, context).text();
            return text.contains("OUTSIDE") ? Reached.OUTSIDE : text.contains("needle inside") ? Reached.INSIDE : Reached.NOWHERE;
        }).assertNoneOutside("searches");
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
