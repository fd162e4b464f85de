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

    /**
     * A failure for something a cell, magic or room threw that nobody expected, {@link Error}s
     * included: named by its class, with a message that says what the user can do. The caller logs
     * the cause; the traceback says so.
     */
    public static CellFailure unexpected(Throwable thrown) {
        String name = thrown.getClass().getSimpleName().isEmpty() ? thrown.getClass().getName()
                : thrown.getClass().getSimpleName();
        String message = thrown.getMessage() == null ? "" : thrown.getMessage();
        String advice;
        if (thrown instanceof StackOverflowError) {
            advice = "the call stack overflowed (endless recursion?)";
        } else if (thrown instanceof OutOfMemoryError) {
            advice = "the kernel ran out of memory" + (message.isEmpty() ? "" : " (" + message + ")")
                    + "; set large variables to null, or restart the kernel";
        } else if (thrown instanceof LinkageError || thrown instanceof java.util.ServiceConfigurationError) {
            advice = message + " (a class or service could not be loaded; if Hearth or a library was"
                    + " reinstalled while this kernel ran, restart the kernel)";
        } else {
            advice = message.isEmpty() ? name : message;
        }
        return new CellFailure(name, advice, List.of(name + ": " + advice,
                "The kernel caught it and keeps running; the cause is in the kernel's log."));
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
