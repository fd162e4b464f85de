package dev.hearth.kernel.actions;

import dev.hearth.api.ActionCancelledException;
import dev.hearth.api.ActionException;
import dev.hearth.api.BackgroundThreads;
import dev.hearth.kernel.cell.CellScope;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The plugin host of a registry, loaded on a thread of its own (at first use or when warmed up):
 * a caller that waits for it is released when the running cell is interrupted, and a reload swaps
 * in a freshly loaded host and closes the old one.
 */
final class PluginHostLoading implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PluginHostLoading.class.getName());

    private final Supplier<PluginHost> loader;
    private final CellScope cells;
    private final AtomicReference<CompletableFuture<PluginHost>> host = new AtomicReference<>();

    /** {@code loader} loads the plugin directories (on the loading thread); {@code cells} ends a wait. */
    PluginHostLoading(Supplier<PluginHost> loader, CellScope cells) {
        this.loader = loader;
        this.cells = cells;
    }

    /** Starts loading, if not started yet. */
    void start() {
        loading();
    }

    /** The host if it has loaded (never waits). */
    Optional<PluginHost> loaded() {
        CompletableFuture<PluginHost> current = host.get();
        return current != null && current.isDone() && !current.isCompletedExceptionally()
                ? Optional.of(current.join()) : Optional.empty();
    }

    /** The loaded host; waits for the loading, which the running cell's interrupt ends. */
    PluginHost get() {
        return await(loading());
    }

    /** Loads the plugin directories again and waits (interruptibly); the old host is closed. */
    void reload() {
        CompletableFuture<PluginHost> next = startLoading();
        CompletableFuture<PluginHost> old = host.getAndSet(next);
        if (old != null) {
            old.thenAccept(PluginHost::close);
        }
        await(next);
    }

    @Override
    public void close() {
        CompletableFuture<PluginHost> current = host.getAndSet(null);
        if (current != null) {
            current.thenAccept(PluginHost::close);
        }
    }

    /** Loads the plugin directories on a thread of its own; the future completes with the host. */
    private CompletableFuture<PluginHost> startLoading() {
        CompletableFuture<PluginHost> loading = new CompletableFuture<>();
        Thread thread = BackgroundThreads.daemon("hearth-plugins-loader").newThread(() -> {
            try {
                loading.complete(loader.get());
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.WARNING, "loading plugins failed: " + e, e);
                loading.completeExceptionally(e);
            }
        });
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return loading;
    }

    private CompletableFuture<PluginHost> loading() {
        CompletableFuture<PluginHost> current = host.get();
        while (current == null) {
            CompletableFuture<PluginHost> mine = new CompletableFuture<>();
            if (host.compareAndSet(null, mine)) {
                startLoading().whenComplete((h, e) -> {
                    if (e != null) {
                        mine.completeExceptionally(e);
                    } else {
                        mine.complete(h);
                    }
                });
            }
            current = host.get();
        }
        return current;
    }

    private PluginHost await(CompletableFuture<PluginHost> loading) {
        if (loading.isDone()) {
            return joined(loading);
        }
        CompletableFuture<Object> interrupted = new CompletableFuture<>();
        AutoCloseable registration = cells.active().map(cell -> cell.onCancel(() -> interrupted.complete(null)))
                .orElse(() -> { });
        try {
            CompletableFuture.anyOf(loading, interrupted).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionCancelledException("loading the plugins");
        } catch (ExecutionException e) {
            // reported by joined() below
        } finally {
            try {
                registration.close();
            } catch (Exception ignored) {
                // removing a callback does not fail
            }
        }
        if (!loading.isDone()) {
            throw new ActionCancelledException("loading the plugins");
        }
        return joined(loading);
    }

    private static PluginHost joined(CompletableFuture<PluginHost> loading) {
        try {
            return loading.join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ActionException("the plugins could not be loaded (" + cause + "); see the kernel log, "
                    + "then try %plugins reload", cause);
        }
    }
}
