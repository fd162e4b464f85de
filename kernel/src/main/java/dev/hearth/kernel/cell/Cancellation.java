package dev.hearth.kernel.cell;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** The cancellation side of a {@link CellContext}: a flag set once, and the callbacks it runs. */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    /** Whether {@link #cancel()} has been called. */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Registers {@code onCancel} (runs it at once when already cancelled); closing removes it. */
    public AutoCloseable onCancel(Runnable onCancel) {
        callbacks.add(onCancel);
        if (cancelled.get()) {
            onCancel.run();
        }
        return () -> callbacks.remove(onCancel);
    }

    /** Sets the flag and runs the callbacks, once; returns false when it was already cancelled. */
    public boolean cancel() {
        if (!cancelled.compareAndSet(false, true)) {
            return false;
        }
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                System.getLogger(Cancellation.class.getName()).log(System.Logger.Level.WARNING, "cancel callback failed", e);
            }
        }
        return true;
    }
}
