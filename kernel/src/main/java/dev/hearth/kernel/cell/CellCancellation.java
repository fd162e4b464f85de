package dev.hearth.kernel.cell;

import dev.hearth.api.Cancellation;

/** A cell's interrupt as the {@link Cancellation} that actions and outside calls watch. */
public record CellCancellation(CellContext cell) implements Cancellation {

    @Override
    public boolean isCancelled() {
        return cell.isCancelled();
    }

    @Override
    public AutoCloseable onCancel(Runnable callback) {
        return cell.onCancel(callback);
    }
}
