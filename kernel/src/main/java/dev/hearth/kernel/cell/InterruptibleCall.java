package dev.hearth.kernel.cell;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs a blocking call to an outside server (Chroma, Ollama) so that interrupting the running cell
 * interrupts the calling thread and the call ends at once, instead of when its timeout expires.
 * Only wrap calls that are safe to interrupt: an interrupt closes any file channel the thread is
 * using, so never wrap work on local stores.
 */
public final class InterruptibleCall {

    private InterruptibleCall() {
    }

    /**
     * The result of {@code call}.
     *
     * @throws CellInterruptedException when the cell was interrupted while the call ran
     */
    public static <T> T run(Supplier<T> call) {
        Optional<CellContext> cell = CurrentCell.active();
        if (cell.isEmpty()) {
            return call.get();
        }
        if (cell.get().isCancelled()) {
            throw new CellInterruptedException();
        }
        Thread caller = Thread.currentThread();
        AtomicBoolean fired = new AtomicBoolean();
        AutoCloseable registration = cell.get().onCancel(() -> {
            fired.set(true);
            caller.interrupt();
        });
        try {
            T result = call.get();
            if (fired.get()) {
                throw new CellInterruptedException(); // the call may have turned the interrupt into a result
            }
            return result;
        } catch (RuntimeException e) {
            if (fired.get()) {
                throw new CellInterruptedException();
            }
            throw e;
        } finally {
            try {
                registration.close();
            } catch (Exception ignored) {
                // removing a callback from a list does not fail
            }
            if (fired.get()) {
                Thread.interrupted(); // the flag was ours, not the caller's: later blocking work must not see it
            }
        }
    }

    /** {@link #run(Supplier)} for a call without a result. */
    public static void run(Runnable call) {
        run(() -> {
            call.run();
            return null;
        });
    }
}
