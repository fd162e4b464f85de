package dev.hearth.kernel.cell;

import dev.hearth.api.Cancellation;

/**
 * The cancellation half every {@link CellContext} shares: one {@link Cancellation.Flag}, raised
 * once by {@link #cancel()}. Implementations add where the output goes.
 */
public abstract class CancellableCellContext implements CellContext {

    private final Cancellation.Flag cancellation = Cancellation.flag();

    @Override
    public final boolean isCancelled() {
        return cancellation.isCancelled();
    }

    @Override
    public final AutoCloseable onCancel(Runnable onCancel) {
        return cancellation.onCancel(onCancel);
    }

    /**
     * Marks the cell interrupted and runs the cancel callbacks, once.
     *
     * @return false when it already was
     */
    public boolean cancel() {
        return cancellation.cancel();
    }
}
