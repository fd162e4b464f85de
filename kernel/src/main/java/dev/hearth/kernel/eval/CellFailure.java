package dev.hearth.kernel.eval;

import java.util.List;

/**
 * A cell that failed: what Jupyter shows as an {@code error} output. The traceback lines are
 * already readable (user code only, no JShell or kernel internals).
 */
public class CellFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorName;
    private final List<String> traceback;

    public CellFailure(String errorName, String errorValue, List<String> traceback) {
        super(errorValue);
        this.errorName = errorName;
        this.traceback = List.copyOf(traceback);
    }

    /** A failure whose traceback is just its name and message. */
    public static CellFailure of(String errorName, String errorValue) {
        return new CellFailure(errorName, errorValue, List.of(errorName + ": " + errorValue));
    }

    /** The cell was interrupted by the user. */
    public static CellFailure interrupted() {
        return of("Interrupted", "The cell was interrupted by the user.");
    }

    /** E.g. {@code CompileError}, {@code java.lang.ArithmeticException}, {@code Interrupted}. */
    public String errorName() {
        return errorName;
    }

    /** The message. */
    public String errorValue() {
        return getMessage();
    }

    /** The lines to show. */
    public List<String> traceback() {
        return traceback;
    }
}
