package dev.hearth.kernel.ai;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.DisplayHandle;
import dev.hearth.kernel.cell.StreamName;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link CellContext} that records what a cell showed, and can be interrupted like a real one. */
public final class RecordingCell implements CellContext {

    /** One output: a display ({@code update == false}) or an update of one. */
    public record Shown(String displayId, boolean update, MimeBundle bundle) {
    }

    private final List<Shown> shown = new CopyOnWriteArrayList<>();
    private final StringBuilder stdout = new StringBuilder();
    private final List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public synchronized void stream(StreamName stream, String text) {
        stdout.append(text);
    }

    @Override
    public DisplayHandle display(MimeBundle bundle) {
        DisplayHandle handle = new DisplayHandle("d" + ids.incrementAndGet());
        shown.add(new Shown(handle.id(), false, bundle));
        return handle;
    }

    @Override
    public void update(DisplayHandle handle, MimeBundle bundle) {
        shown.add(new Shown(handle.id(), true, bundle));
    }

    @Override
    public void clearOutput(boolean wait) {
        shown.clear();
    }

    /** The code offered for a new cell below, if any (the last offer). */
    public volatile String nextInput;

    @Override
    public void setNextInput(String code) {
        nextInput = code;
    }

    /** Answers typed by the "user", in order; {@code null}: the front end has no stdin. */
    public java.util.Deque<String> answers;

    @Override
    public String input(String prompt, boolean password) {
        if (answers == null) {
            throw new dev.hearth.kernel.cell.StdinNotAllowedException();
        }
        return answers.removeFirst();
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public AutoCloseable onCancel(Runnable onCancel) {
        cancelHooks.add(onCancel);
        if (cancelled.get()) {
            onCancel.run();
        }
        return () -> cancelHooks.remove(onCancel);
    }

    /** Interrupts the cell as an {@code interrupt_request} would. */
    public void cancel() {
        cancelled.set(true);
        cancelHooks.forEach(Runnable::run);
    }

    /** Everything shown, in order. */
    public List<Shown> shown() {
        return List.copyOf(shown);
    }

    /** The plain text the cell shows last (the final state of the last display). */
    public String lastText() {
        List<Shown> all = shown();
        return all.isEmpty() ? null : all.get(all.size() - 1).bundle().plainText();
    }
}
