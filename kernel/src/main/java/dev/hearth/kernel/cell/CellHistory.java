package dev.hearth.kernel.cell;

import java.util.Optional;

/** What earlier cells of this session were: for {@code {In[n]}}, {@code {Out[n]}} and {@code {Err}}. */
public interface CellHistory {

    /** The source of the cell with execution count {@code n}. */
    Optional<String> input(int n);

    /** The plain-text result of the cell with execution count {@code n}, if it had one. */
    Optional<String> output(int n);

    /** The last error of the session, as text, if any cell failed. */
    Optional<String> lastError();
}
