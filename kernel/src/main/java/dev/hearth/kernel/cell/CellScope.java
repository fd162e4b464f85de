package dev.hearth.kernel.cell;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Which request a session is serving now. A session runs one cell at a time, so this is one slot
 * per session, read by what cell code calls without a context of its own: the standard streams
 * (output of threads a cell starts goes to the running cell, or after it ended to the last one,
 * as in IPython), {@code display(...)} and the room objects ({@code ai}, {@code memory},
 * {@code actions}). Magics and tools are handed their {@link CellContext} instead.
 */
public final class CellScope {

    private final AtomicReference<CellContext> active = new AtomicReference<>();
    private final AtomicReference<CellContext> last = new AtomicReference<>();

    /** Marks {@code ctx} as the running request until the returned scope is closed. */
    public Entered enter(CellContext ctx) {
        CellContext previous = active.getAndSet(ctx);
        last.set(ctx);
        return () -> active.compareAndSet(ctx, previous);
    }

    /** The running request, if any. */
    public Optional<CellContext> active() {
        return Optional.ofNullable(active.get());
    }

    /** The running request, else the last one, else none. */
    public Optional<CellContext> activeOrLast() {
        CellContext now = active.get();
        return Optional.ofNullable(now != null ? now : last.get());
    }

    /** {@link #interruptibly(CellContext, Supplier)} in the running cell, if any. */
    public <T> T interruptibly(Supplier<T> call) {
        return interruptibly(active.get(), call);
    }

    /** {@link #interruptibly(Supplier)} for a call without a result. */
    public void interruptibly(Runnable call) {
        interruptibly(active.get(), () -> {
            call.run();
            return null;
        });
    }

    /**
     * Runs a blocking call to an outside server (Chroma, Ollama) so that interrupting {@code cell}
     * interrupts the calling thread and the call ends at once, instead of when its timeout expires.
     * Only wrap calls that are safe to interrupt: an interrupt closes any file channel the thread
     * is using, so never wrap work on local stores.
     *
     * @param cell the cell to follow, or {@code null} to just run the call
     * @throws CellInterruptedException when the cell was interrupted while the call ran
     */
    public static <T> T interruptibly(CellContext cell, Supplier<T> call) {
        if (cell == null) {
            return call.get();
        }
        if (cell.isCancelled()) {
            throw new CellInterruptedException();
        }
        Thread caller = Thread.currentThread();
        AtomicBoolean fired = new AtomicBoolean();
        AutoCloseable registration = cell.onCancel(() -> {
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

    /** Closes without a checked exception. */
    public interface Entered extends AutoCloseable {
        @Override
        void close();
    }
}
