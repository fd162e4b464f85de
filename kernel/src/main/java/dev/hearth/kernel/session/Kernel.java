package dev.hearth.kernel.session;

import dev.hearth.api.BackgroundThreads;
import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.DisplayHandle;
import dev.hearth.kernel.cell.Rendering;
import dev.hearth.kernel.cell.StreamName;
import dev.hearth.kernel.eval.CellFailure;
import dev.hearth.kernel.interpreter.Interpreter;
import dev.hearth.kernel.protocol.Message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel's session: owns the shell queue and thread, the control thread, the execution count
 * and history, and serves each request with busy first, the deferred reply, then idle.
 */
public final class Kernel {

    private static final System.Logger LOG = System.getLogger(Kernel.class.getName());

    private final KernelIo io;
    private final Dispatcher dispatcher;
    private final java.util.function.Supplier<Interpreter> interpreter;
    private final ScheduledExecutorService timer;
    private final BlockingQueue<Message> shellQueue = new LinkedBlockingQueue<>();
    private final ExecutorService control;
    private final Thread shellThread;
    private final AtomicInteger executionCount = new AtomicInteger();
    private volatile RequestContext runningCell;
    private volatile boolean abortQueued;
    private final Runnable onShutdown;

    /**
     * @param io         the wire
     * @param dispatcher request handlers (see {@link KernelHandlers})
     * @param interpreter for interrupts (null until the session is built)
     * @param onShutdown run after a {@code shutdown_request} has been answered
     */
    public Kernel(KernelIo io, Dispatcher dispatcher, java.util.function.Supplier<Interpreter> interpreter, Runnable onShutdown) {
        this.io = io;
        this.dispatcher = dispatcher;
        this.interpreter = interpreter;
        this.onShutdown = onShutdown;
        // The flush thread would otherwise start at a cell's first output, inside the cell's thread group.
        ScheduledThreadPoolExecutor flusher = new ScheduledThreadPoolExecutor(1, BackgroundThreads.daemon("hearth-stream-flush"));
        flusher.prestartAllCoreThreads();
        this.timer = flusher;
        this.control = Executors.newSingleThreadExecutor(BackgroundThreads.daemon("hearth-control"));
        this.shellThread = BackgroundThreads.daemon("hearth-shell").newThread(this::shellLoop);
    }

    /** Publishes {@code starting} and begins serving the shell queue. */
    public void start() {
        io.publish(null, "status", Map.of("execution_state", "starting"));
        shellThread.start();
    }

    /** Takes a message from the transport (called on the I/O thread; never blocks). */
    public void accept(boolean fromControl, Message message) {
        var route = dispatcher.route(message.msgType());
        if (route.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "ignored unknown message type " + message.msgType());
            return;
        }
        if (fromControl || route.get().lane() == Dispatcher.Lane.CONTROL) {
            control.execute(() -> serve(message, fromControl));
        } else {
            shellQueue.add(message);
        }
    }

    private void shellLoop() {
        while (true) {
            Message message;
            try {
                message = shellQueue.take();
            } catch (InterruptedException e) {
                return;
            }
            serve(message, false);
            if (abortQueued) {
                abortQueued = false;
                abortQueuedExecutions();
            }
        }
    }

    private void abortQueuedExecutions() {
        List<Message> queued = new ArrayList<>();
        shellQueue.drainTo(queued);
        for (Message message : queued) {
            if ("execute_request".equals(message.msgType())) {
                io.publish(message, "status", Map.of("execution_state", "busy"));
                Map<String, Object> reply = new LinkedHashMap<>();
                reply.put("status", "aborted");
                reply.put("execution_count", executionCount.get());
                io.reply(message, false, "execute_reply", reply);
                io.publish(message, "status", Map.of("execution_state", "idle"));
            } else {
                serve(message, false);
            }
        }
    }

    private void serve(Message request, boolean fromControl) {
        Dispatcher.Route route = dispatcher.route(request.msgType()).orElseThrow();
        boolean execute = "execute_request".equals(request.msgType());
        RequestContext ctx = new RequestContext(request, io, timer, execute && request.bool("silent", false),
                execute && request.bool("allow_stdin", true));
        io.publish(request, "status", Map.of("execution_state", "busy"));
        Map<String, Object> reply;
        try {
            reply = route.handler().handle(request, ctx);
        } catch (Exception | LinkageError e) {
            LOG.log(System.Logger.Level.ERROR, "handler for " + request.msgType() + " failed", e);
            reply = new LinkedHashMap<>();
            reply.put("status", "error");
            reply.put("ename", e.getClass().getSimpleName());
            reply.put("evalue", String.valueOf(e.getMessage()));
            reply.put("traceback", List.of(e.toString()));
        }
        ctx.flush();
        if (reply != null) {
            io.reply(request, fromControl, Dispatcher.replyType(request.msgType()), reply);
        }
        io.publish(request, "status", Map.of("execution_state", "idle"));
        if ("shutdown_request".equals(request.msgType())) {
            Thread exit = new Thread(onShutdown, "hearth-shutdown");
            exit.start();
        }
    }

    /** Runs a cell with {@code ctx} as the one an interrupt cancels; the execution count this cell gets is returned by {@link #nextExecutionCount}. */
    <T> T runAsCurrent(RequestContext ctx, java.util.function.Supplier<T> body) {
        runningCell = ctx;
        try {
            return body.get();
        } finally {
            ctx.flush();
            runningCell = null;
        }
    }

    /** Increments and returns the execution count (stored executions only). */
    int nextExecutionCount() {
        return executionCount.incrementAndGet();
    }

    /** The current execution count. */
    int executionCount() {
        return executionCount.get();
    }

    /** Asks the shell thread to answer the execute requests queued now as aborted. */
    void abortQueuedAfterThisRequest() {
        abortQueued = true;
    }

    /** Interrupts the running cell, if any. */
    void interrupt() {
        // The interpreter first: a cell woken by the cancel (a stdin read) must already count as interrupted.
        Interpreter session = interpreter.get();
        if (session != null) {
            session.interrupt();
        }
        RequestContext running = runningCell;
        if (running != null) {
            running.cancel();
        }
    }

    /** The content of an {@code execute_result} for a value (also the nbformat output, less its type). */
    public static Map<String, Object> executeResult(int count, MimeBundle bundle) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("execution_count", count);
        content.put("data", bundle.data());
        content.put("metadata", bundle.metadata());
        return content;
    }

    /** The content of an {@code error} for a failure (also the nbformat output, less its type). */
    public static Map<String, Object> errorContent(CellFailure failure) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("ename", failure.errorName());
        content.put("evalue", failure.errorValue());
        content.put("traceback", failure.traceback());
        return content;
    }
}
