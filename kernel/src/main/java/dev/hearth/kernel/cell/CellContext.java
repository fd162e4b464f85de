package dev.hearth.kernel.cell;

import dev.hearth.api.MimeBundle;

/**
 * The output sink and cancellation flag of one request, as the rooms that produce output see it
 * (evaluator, magics, AI, memory, actions). It hides the protocol: implementations publish on
 * IOPub with the right parent header, or collect output in a headless run.
 *
 * <p>Implementations are thread-safe: a cell may write from any thread it starts.
 */
public interface CellContext {

    /** Appends text to the cell's stdout or stderr stream. */
    void stream(StreamName stream, String text);

    /** Shows a rich value and returns a handle that can update it in place. */
    DisplayHandle display(MimeBundle bundle);

    /** Replaces what an earlier {@link #display} showed. */
    void update(DisplayHandle handle, MimeBundle bundle);

    /** Clears the cell's output; with {@code wait}, only when the next output arrives. */
    void clearOutput(boolean wait);

    /**
     * Asks the user for a line of input through the front end.
     *
     * @param prompt   the text shown before the input box
     * @param password whether the front end should hide what is typed
     * @return the line typed, without a line terminator
     * @throws StdinNotAllowedException when the front end does not accept input requests
     * @throws CellInterruptedException when the cell is interrupted while waiting
     */
    String input(String prompt, boolean password);

    /** Whether the user has interrupted this request. */
    boolean isCancelled();

    /**
     * Runs {@code onCancel} when the request is interrupted (at once when it already is), so that
     * blocking work such as a model stream can be aborted promptly.
     *
     * @return closing it removes the callback
     */
    AutoCloseable onCancel(Runnable onCancel);

    /** Sends any buffered stream text now. */
    default void flush() {
    }

    /**
     * Offers {@code code} as a new cell below this one (Jupyter's {@code set_next_input} payload,
     * which JupyterLab, Notebook and VS Code insert). Where no front end can insert a cell (a
     * headless run), the code is printed instead; by default it is shown as text.
     */
    default void setNextInput(String code) {
        stream(StreamName.STDOUT, "Suggested code for a new cell:\n" + code + (code.endsWith("\n") ? "" : "\n"));
    }
}
