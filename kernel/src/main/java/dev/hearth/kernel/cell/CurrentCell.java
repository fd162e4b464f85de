package dev.hearth.kernel.cell;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The request the kernel is serving now. The kernel runs one cell at a time, so this is one slot
 * shared by all threads, including threads a cell starts: their output goes to the cell that is
 * running (or, after it ended, to the last one, as in IPython).
 */
public final class CurrentCell {

    private static final AtomicReference<CellContext> ACTIVE = new AtomicReference<>();
    private static final AtomicReference<CellContext> LAST = new AtomicReference<>();

    private CurrentCell() {
    }

    /** Marks {@code ctx} as the running request until the returned scope is closed. */
    public static Scope enter(CellContext ctx) {
        CellContext previous = ACTIVE.getAndSet(ctx);
        LAST.set(ctx);
        return () -> ACTIVE.compareAndSet(ctx, previous);
    }

    /** The running request, if any. */
    public static Optional<CellContext> active() {
        return Optional.ofNullable(ACTIVE.get());
    }

    /** The running request, else the last one, else none. */
    public static Optional<CellContext> activeOrLast() {
        CellContext active = ACTIVE.get();
        return Optional.ofNullable(active != null ? active : LAST.get());
    }

    /** Closes without a checked exception. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
