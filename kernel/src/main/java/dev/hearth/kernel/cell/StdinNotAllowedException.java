package dev.hearth.kernel.cell;

/** Thrown when code asks for input but the front end does not accept input requests. */
public class StdinNotAllowedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public StdinNotAllowedException() {
        super("This front end does not accept input (allow_stdin is false); "
                + "pass the value in code instead of reading System.in.");
    }
}
