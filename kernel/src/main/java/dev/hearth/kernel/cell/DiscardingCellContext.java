package dev.hearth.kernel.cell;

import dev.hearth.api.MimeBundle;

/** A cell whose output goes nowhere and which cannot ask for input: {@code user_expressions}, training runs. */
public final class DiscardingCellContext extends CancellableCellContext {

    @Override
    public void stream(StreamName stream, String text) {
    }

    @Override
    public DisplayHandle display(MimeBundle bundle) {
        return new DisplayHandle("discarded");
    }

    @Override
    public void update(DisplayHandle handle, MimeBundle bundle) {
    }

    @Override
    public void clearOutput(boolean wait) {
    }

    @Override
    public String input(String prompt, boolean password) {
        throw new StdinNotAllowedException();
    }
}
