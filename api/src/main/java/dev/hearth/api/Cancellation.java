package dev.hearth.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether the user interrupted the call. Long work polls {@link #isCancelled()}; blocking work
 * registers {@link #onCancel(Runnable)} to abort (for instance by closing a stream).
 */
public interface Cancellation {

    /** Whether the call was interrupted. */
    boolean isCancelled();

    /**
     * Runs {@code callback} when the call is interrupted (at once if it already is).
     *
     * @return closing it removes the callback
     */
    AutoCloseable onCancel(Runnable callback);

    /** A cancellation that never fires. */
    static Cancellation none() {
        return new Flag();
    }

    /** A flag that {@link Flag#cancel()} raises: for tests and for embedding Hearth's actions. */
    static Flag flag() {
        return new Flag();
    }

    /** A settable {@link Cancellation}: raised once; a failing callback does not stop the others. */
    final class Flag implements Cancellation {
        private final java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

        /**
         * Raises the flag and runs the callbacks registered so far, once.
         *
         * @return false when the flag was already raised (nothing ran)
         */
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

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }

        @Override
        public AutoCloseable onCancel(Runnable callback) {
            callbacks.add(callback);
            if (cancelled.get()) {
                callback.run();
            }
            return () -> callbacks.remove(callback);
        }
    }
}
