package dev.hearth.kernel.session;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CancellableCellContext;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.CellInterruptedException;
import dev.hearth.kernel.cell.DisplayHandle;
import dev.hearth.kernel.cell.StdinNotAllowedException;
import dev.hearth.kernel.cell.StreamName;
import dev.hearth.kernel.protocol.Message;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@link CellContext} of one request: output goes to IOPub with the request as parent,
 * stream text is batched for a few milliseconds, input goes through the stdin channel.
 */
public final class RequestContext extends CancellableCellContext {

    private static final long STREAM_BATCH_MILLIS = 5;
    private static final int STREAM_BATCH_CHARS = 16 * 1024;

    private final Message request;
    private final KernelIo io;
    private final ScheduledExecutorService timer;
    private final boolean silent;
    private final boolean allowStdin;
    private final Map<StreamName, StringBuilder> pending = new EnumMap<>(StreamName.class);
    private volatile CompletableFuture<String> pendingInput;
    private volatile String nextInput;
    private boolean flushScheduled;

    RequestContext(Message request, KernelIo io, ScheduledExecutorService timer, boolean silent, boolean allowStdin) {
        this.request = request;
        this.io = io;
        this.timer = timer;
        this.silent = silent;
        this.allowStdin = allowStdin;
    }

    /** The request being served. */
    public Message request() {
        return request;
    }

    /** Publishes on IOPub with this request as parent (nothing when silent). */
    void publish(String msgType, Map<String, Object> content) {
        if (!silent) {
            io.publish(request, msgType, content);
        }
    }

    @Override
    public void stream(StreamName stream, String text) {
        if (text.isEmpty()) {
            return;
        }
        boolean flushNow;
        synchronized (pending) {
            pending.computeIfAbsent(stream, s -> new StringBuilder()).append(text);
            flushNow = pending.get(stream).length() >= STREAM_BATCH_CHARS;
            if (!flushNow && !flushScheduled) {
                flushScheduled = true;
                timer.schedule(this::flush, STREAM_BATCH_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        if (flushNow) {
            flush();
        }
    }

    @Override
    public void flush() {
        synchronized (pending) {
            flushScheduled = false;
            for (Map.Entry<StreamName, StringBuilder> entry : pending.entrySet()) {
                if (entry.getValue().length() > 0) {
                    publish("stream", Map.of("name", entry.getKey().wireName(), "text", entry.getValue().toString()));
                    entry.getValue().setLength(0);
                }
            }
        }
    }

    @Override
    public DisplayHandle display(MimeBundle bundle) {
        DisplayHandle handle = new DisplayHandle(UUID.randomUUID().toString());
        flush();
        publish("display_data", displayContent(bundle, handle));
        return handle;
    }

    @Override
    public void update(DisplayHandle handle, MimeBundle bundle) {
        flush();
        publish("update_display_data", displayContent(bundle, handle));
    }

    static Map<String, Object> displayContent(MimeBundle bundle, DisplayHandle handle) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("data", bundle.data());
        content.put("metadata", bundle.metadata());
        content.put("transient", handle == null ? Map.of() : Map.of("display_id", handle.id()));
        return content;
    }

    @Override
    public void setNextInput(String code) {
        nextInput = code;
    }

    /** The code offered for a new cell below, if a magic offered one (the last offer wins). */
    String nextInput() {
        return nextInput;
    }

    @Override
    public void clearOutput(boolean wait) {
        flush();
        publish("clear_output", Map.of("wait", wait));
    }

    @Override
    public String input(String prompt, boolean password) {
        if (!allowStdin) {
            throw new StdinNotAllowedException();
        }
        if (isCancelled()) {
            throw new CellInterruptedException();
        }
        flush();
        CompletableFuture<String> answer = new CompletableFuture<>();
        pendingInput = answer;
        io.requestInput(request, prompt, password, answer);
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CellInterruptedException();
        } catch (ExecutionException e) {
            throw new CellInterruptedException();
        } finally {
            pendingInput = null;
        }
    }

    /** Marks the request interrupted: wakes a pending input and runs the cancel callbacks. */
    @Override
    public boolean cancel() {
        CompletableFuture<String> input = pendingInput;
        boolean first = super.cancel();
        if (first && input != null) {
            input.completeExceptionally(new CellInterruptedException());
        }
        return first;
    }
}
