package dev.hearth.kernel.cell;

import java.util.Optional;

/**
 * What earlier cells of this session were: for {@code {In[n]}}, {@code {Out[n]}} and {@code {Err}}
 * in prompts and {@code out(n)} in Java cells.
 */
public interface CellHistory {

    /** The source of the cell with execution count {@code n}. */
    Optional<String> input(int n);

    /** The plain-text result of the cell with execution count {@code n}, if it had one. */
    Optional<String> output(int n);

    /**
     * The result object of the cell with execution count {@code n} in this session, if it had one
     * that was not {@code null} and is still kept (the last {@value #KEPT_VALUES} are).
     */
    Optional<Object> value(int n);

    /** How many cell results {@link #value} keeps. */
    int KEPT_VALUES = 1000;

    /** The last error of the session, as text, if any cell failed. */
    Optional<String> lastError();

    /** The error (name, message and traceback as text) of the cell with execution count {@code n}, if it failed. */
    Optional<String> error(int n);

    /** The execution count of the last cell that failed, if any did. */
    java.util.OptionalInt lastFailedCell();
}
