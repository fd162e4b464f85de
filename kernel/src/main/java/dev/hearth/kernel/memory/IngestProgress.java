package dev.hearth.kernel.memory;

/**
 * How far an ingest has got.
 *
 * @param filesDone  files looked at so far
 * @param filesTotal files found
 * @param chunks     chunks embedded and written so far (committed at most 20 s later, and at an interrupt)
 * @param seconds    time since the start
 */
public record IngestProgress(int filesDone, int filesTotal, long chunks, double seconds) {

    /** Chunks per second so far. */
    public double rate() {
        return seconds <= 0 ? 0 : chunks / seconds;
    }

    /** Estimated seconds left, from the files still to do. */
    public double etaSeconds() {
        return filesDone == 0 ? Double.NaN : seconds / filesDone * (filesTotal - filesDone);
    }
}
