package dev.hearth.kernel.memory;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.DisplayHandle;
import dev.hearth.kernel.cell.StreamName;

import java.util.Locale;

/** A live ingest progress bar in a cell (files, chunks, rate, ETA), redrawn at most four times a second. */
final class ProgressBar implements IngestListener {

    private final CellContext ctx;
    private DisplayHandle handle;
    private long lastDraw;

    ProgressBar(CellContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public synchronized void progress(IngestProgress p) {
        long now = System.nanoTime();
        if (handle != null && now - lastDraw < 250_000_000L && p.filesDone() < p.filesTotal()) {
            return;
        }
        lastDraw = now;
        int percent = p.filesTotal() == 0 ? 100 : (int) (100L * p.filesDone() / p.filesTotal());
        String eta = Double.isNaN(p.etaSeconds()) ? "?" : String.format(Locale.ROOT, "%.0f s", p.etaSeconds());
        String text = String.format(Locale.ROOT, "%d/%d files, %d chunks, %.1f chunks/s, ETA %s",
                p.filesDone(), p.filesTotal(), p.chunks(), p.rate(), eta);
        MimeBundle bundle = MimeBundle.html("<progress value=\"" + percent + "\" max=\"100\" style=\"width:40em\"></progress> "
                + MemoryMagics.escape(text), "[" + "#".repeat(percent / 5) + " ".repeat(20 - percent / 5) + "] " + text);
        if (handle == null) {
            handle = ctx.display(bundle);
        } else {
            ctx.update(handle, bundle);
        }
    }

    /** Replaces the bar with the outcome; an interrupted ingest also prints its summary (the cell then reports the interrupt). */
    synchronized void finish(IngestSummary summary) {
        if (handle != null) {
            ctx.update(handle, MimeBundle.text((summary.interrupted() ? "Interrupted after " : "Done: ")
                    + summary.chunks() + " chunks"));
        }
        if (summary.interrupted()) {
            ctx.stream(StreamName.STDOUT, summary + "\n");
        }
    }
}
