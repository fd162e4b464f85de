package dev.hearth.kernel.cell;

/** Thrown out of blocking work when the user interrupts the cell. */
public class CellInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CellInterruptedException() {
        super("Interrupted by the user");
    }
}
