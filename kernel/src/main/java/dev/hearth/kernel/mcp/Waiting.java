package dev.hearth.kernel.mcp;

import dev.hearth.api.Cancellation;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Waits for work running on another thread (a call to an MCP server) while watching what can end
 * it early: the cell's interrupt, the server process dying, and the time limit. The work is
 * cancelled (its thread interrupted) whenever the wait does not end with its result.
 */
final class Waiting {

    /** Why a wait ended without the result. */
    enum Reason { TIMED_OUT, CANCELLED, DIED, FAILED }

    /** A wait that ended without the result. */
    static final class Stopped extends Exception {
        private final Reason reason;

        Stopped(Reason reason, Throwable cause) {
            super(reason + (cause == null ? "" : ": " + cause.getMessage()), cause);
            this.reason = reason;
        }

        Reason reason() {
            return reason;
        }
    }

    private static final long POLL_MILLIS = 50;

    private Waiting() {
    }

    static <T> T await(Future<T> work, Duration limit, Cancellation cancellation, BooleanSupplier died) throws Stopped {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (true) {
                try {
                    return work.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (cancellation.isCancelled()) {
                        throw new Stopped(Reason.CANCELLED, null);
                    }
                    if (died.getAsBoolean()) {
                        throw new Stopped(Reason.DIED, null);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new Stopped(Reason.TIMED_OUT, null);
                    }
                } catch (ExecutionException e) {
                    throw new Stopped(died.getAsBoolean() ? Reason.DIED : Reason.FAILED, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stopped(Reason.CANCELLED, null);
                }
            }
        } catch (Stopped stopped) {
            work.cancel(true);
            throw stopped;
        }
    }
}
