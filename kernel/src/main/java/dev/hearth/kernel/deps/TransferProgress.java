package dev.hearth.kernel.deps;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.DisplayHandle;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferCancelledException;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferResource;

import java.util.Locale;

/**
 * Shows downloads in the cell while they run (one line, redrawn at most four times a second) and
 * stops them when the cell is interrupted. Nothing is shown when everything is already local.
 */
final class TransferProgress extends AbstractTransferListener {

    private final CellContext ctx;
    private DisplayHandle handle;
    private long lastDraw;
    private int files;
    private long bytes;

    TransferProgress(CellContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void transferInitiated(TransferEvent event) throws TransferCancelledException {
        checkCancelled();
    }

    @Override
    public synchronized void transferProgressed(TransferEvent event) throws TransferCancelledException {
        checkCancelled();
        long now = System.nanoTime();
        if (handle != null && now - lastDraw < 250_000_000L) {
            return;
        }
        lastDraw = now;
        TransferResource r = event.getResource();
        String total = r.getContentLength() > 0 ? " of " + size(r.getContentLength()) : "";
        show("Downloading " + r.getResourceName() + ": " + size(event.getTransferredBytes()) + total);
    }

    @Override
    public synchronized void transferSucceeded(TransferEvent event) {
        if (event.getRequestType() == TransferEvent.RequestType.GET) {
            files++;
            bytes += event.getTransferredBytes();
            show("Downloaded " + event.getResource().getResourceName() + " (" + files + " files, " + size(bytes) + " so far)");
        }
    }

    /** Replaces the progress line with the total, if anything was downloaded. */
    synchronized void finish() {
        if (handle != null) {
            ctx.update(handle, MimeBundle.text("Downloaded " + files + " files, " + size(bytes)));
        }
    }

    private void show(String text) {
        if (handle == null) {
            handle = ctx.display(MimeBundle.text(text));
        } else {
            ctx.update(handle, MimeBundle.text(text));
        }
    }

    private void checkCancelled() throws TransferCancelledException {
        if (ctx.isCancelled()) {
            throw new TransferCancelledException();
        }
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
