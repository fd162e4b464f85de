package dev.hearth.kernel.memory;

import java.util.List;
import java.util.Locale;

/**
 * What one ingest did.
 *
 * @param collection  the collection written
 * @param added       new files embedded
 * @param updated     changed files re-embedded
 * @param removed     files deleted since the last ingest, whose chunks were removed
 * @param unchanged   files with the same content as last time (not embedded again)
 * @param skipped     files not ingested, each with its reason
 * @param chunks      chunks embedded and stored
 * @param seconds     wall time
 * @param interrupted whether the user stopped it (run it again to resume)
 */
public record IngestSummary(String collection, int added, int updated, int removed, int unchanged,
                            List<Skipped> skipped, long chunks, double seconds, boolean interrupted) {

    /**
     * A file that was not ingested.
     *
     * @param path   the file
     * @param reason why, e.g. {@code binary content}
     */
    public record Skipped(String path, String reason) {
    }

    public IngestSummary {
        skipped = List.copyOf(skipped);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append(interrupted ? "Interrupted: " : "").append(String.format(Locale.ROOT,
                "%s: %d added, %d updated, %d removed, %d unchanged, %d skipped; %d chunks in %.1f s",
                collection, added, updated, removed, unchanged, skipped.size(), chunks, seconds));
        if (interrupted) {
            out.append("\nRun the same ingest again to resume where it stopped.");
        }
        for (Skipped s : skipped) {
            out.append("\n  skipped ").append(s.path()).append(": ").append(s.reason());
        }
        return out.toString();
    }
}
