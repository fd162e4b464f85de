package dev.hearth.kernel.eval;

import dev.hearth.kernel.cell.CellContext;

import java.util.List;
import java.util.Optional;

/**
 * Runs Java cells and answers questions about Java code. One instance holds the state of one
 * notebook session; calls to {@link #eval} are serialised by the caller, {@link #interrupt} may
 * come from any thread.
 */
public interface Evaluator extends AutoCloseable {

    /**
     * Runs every snippet of {@code code} in order.
     *
     * @return the value of the last snippet if it was an expression with a value
     * @throws CellFailure for a compile error, an exception, or an interrupt
     */
    EvalResult eval(String code, CellContext ctx);

    /** The current value of the JShell variable {@code name}, if it exists (the object itself). */
    Optional<Object> valueOf(String name);

    /** The names of the variables declared so far. */
    List<String> variableNames();

    /**
     * Declares (or re-declares) the variable {@code name} of type {@code javaType} in the session,
     * holding {@code value}; later cells see it.
     *
     * @throws CellFailure when the type does not compile or the value does not fit it
     */
    void bind(String name, String javaType, Object value);

    /**
     * Runs {@code task} once the session is warm and the user's first cell (if one came soon) has
     * run: for background work that would otherwise take the two cores of a small machine from the
     * first cell. This default runs it at once.
     */
    default void afterWarmUp(Runnable task) {
        task.run();
    }

    /** Completion candidates for the code before {@code cursor}. */
    Completion complete(String code, int cursor);

    /** Signature and documentation for the expression at {@code cursor}, if there is one. */
    Optional<String> inspect(String code, int cursor, int detailLevel);

    /** Like {@link #inspect}, as a bundle a front end can show richly (plain text, maybe HTML). */
    default Optional<dev.hearth.api.MimeBundle> inspectRich(String code, int cursor, int detailLevel) {
        return inspect(code, cursor, detailLevel).map(dev.hearth.api.MimeBundle::text);
    }

    /** Whether {@code code} is ready to run. */
    Completeness isComplete(String code);

    /** Stops the running cell, if any; safe to call at any time. */
    void interrupt();

    /** Adds jars or directories to the class path of later cells. */
    void addToClasspath(String path);

    /**
     * The declarations of the session that {@code code} names (variables as {@code Type name},
     * methods and types as written), for showing a model what a cell depends on.
     */
    List<String> declarationsUsedBy(String code);

    /** Resolves a Java type name visible in the session to its class (e.g. a record from an earlier cell). */
    Optional<Class<?>> resolveClass(String typeName);

    @Override
    void close();

    /**
     * The value of a cell.
     *
     * @param value    the object itself, or {@code null}
     * @param display  JShell's text for the value
     * @param hasValue whether the last snippet produced a value to show
     */
    record EvalResult(Object value, String display, boolean hasValue) {
        /** A cell that produced nothing to show. */
        public static final EvalResult NONE = new EvalResult(null, null, false);
    }

    /**
     * Completion candidates replacing {@code code[start, end)}.
     *
     * @param matches the candidate texts
     * @param start   where the replaced text starts
     * @param end     where it ends (the cursor)
     */
    record Completion(List<String> matches, int start, int end) {
    }

    /**
     * Whether code is ready to run.
     *
     * @param status {@code complete}, {@code incomplete}, {@code invalid} or {@code unknown}
     * @param indent the indent to use for the next line when incomplete
     */
    record Completeness(String status, String indent) {
    }
}
