package dev.hearth.kernel.actions;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.DisplayHandle;
import dev.hearth.kernel.cell.StreamName;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link CellContext} that records output and can be interrupted, for tests of the actions room. */
final class RecordingCell implements CellContext {

    final StringBuffer stdout = new StringBuffer();
    final List<MimeBundle> displays = new CopyOnWriteArrayList<>();
    final dev.hearth.api.Cancellation.Flag cancel = dev.hearth.api.Cancellation.flag();
    /** Prompts shown by {@link #input}. */
    final List<String> prompts = new CopyOnWriteArrayList<>();
    /** Answers typed by the "user", in order; {@code null}: the front end has no stdin. */
    java.util.Deque<String> answers;

    @Override
    public void stream(StreamName stream, String text) {
        stdout.append(text);
    }

    @Override
    public DisplayHandle display(MimeBundle bundle) {
        displays.add(bundle);
        return null;
    }

    @Override
    public void update(DisplayHandle handle, MimeBundle bundle) {
        displays.add(bundle);
    }

    @Override
    public void clearOutput(boolean wait) {
    }

    @Override
    public String input(String prompt, boolean password) {
        if (answers == null) {
            throw new dev.hearth.kernel.cell.StdinNotAllowedException();
        }
        prompts.add(prompt);
        return answers.removeFirst();
    }

    @Override
    public boolean isCancelled() {
        return cancel.isCancelled();
    }

    @Override
    public AutoCloseable onCancel(Runnable onCancel) {
        return cancel.onCancel(onCancel);
    }
}
