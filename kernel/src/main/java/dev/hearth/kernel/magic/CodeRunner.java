package dev.hearth.kernel.magic;

import dev.hearth.kernel.cell.CellContext;

/** Runs cell text (Java and magics) for magics that wrap other code, such as {@code %time}. */
@FunctionalInterface
public interface CodeRunner {

    /** Runs {@code code}; returns its value, or {@code null} when it has none. */
    Object run(String code, CellContext ctx);
}
