package dev.hearth.kernel.memory;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * Taking an embedded index for writing: Lucene's own write lock, held only while a write runs,
 * plus a note beside the index saying which process holds it, so a writer that has to wait (or
 * gives up) can name the holder. Readers never take it.
 */
final class WriteLock {

    private static final long POLL_MS = 100;
    private final Path holderFile;
    private final Duration wait;
    private final String me;

    WriteLock(Path indexDir, Duration wait) {
        this.holderFile = indexDir.resolveSibling("writer.txt");
        this.wait = wait;
        ProcessHandle self = ProcessHandle.current();
        this.me = "process " + self.pid() + " (" + self.info().command().map(c -> Path.of(c).getFileName().toString())
                .orElse("java") + ")";
    }

    /**
     * Opens a writer, waiting while another process writes.
     *
     * @throws IllegalStateException when the other process still writes after the wait, naming it
     */
    IndexWriter acquire(Directory directory, java.util.function.Supplier<IndexWriterConfig> config) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                IndexWriter writer = new IndexWriter(directory, config.get()); // a config serves one writer only
                Files.writeString(holderFile, me + " since " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
                return writer;
            } catch (LockObtainFailedException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The memory collection " + holderFile.getParent().getFileName()
                            + " is being written by " + holder() + "; waited " + wait.toSeconds()
                            + " s. Reading works meanwhile; write again when it has finished.", e);
                }
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for " + holder() + " to finish writing", ie);
                }
            }
        }
    }

    /** Who holds the lock, as its note says. */
    String holder() {
        try {
            return Files.readString(holderFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "another process";
        }
    }

    /** Removes this process's note (after the writer closed). */
    void release() {
        try {
            if (Files.isRegularFile(holderFile) && Files.readString(holderFile).startsWith(me)) {
                Files.deleteIfExists(holderFile);
            }
        } catch (IOException ignored) {
            // a stale note only names a holder that is gone; the next writer overwrites it
        }
    }
}
