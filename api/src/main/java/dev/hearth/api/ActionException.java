package dev.hearth.api;

/**
 * A failure of an action that the user can act on: a 404, a path outside the root, a file that
 * does not parse. Hearth shows the message as it is, without a stack trace, so make it name what
 * went wrong and what to change.
 */
public class ActionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with a message for the user. */
    public ActionException(String message) {
        super(message);
    }

    /** A failure with a message for the user and its cause (kept for logs). */
    public ActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
