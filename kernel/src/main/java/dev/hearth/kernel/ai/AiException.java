package dev.hearth.kernel.ai;

/** A model call that failed, with a message that says what to do about it. */
public class AiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AiException(String message) {
        super(message);
    }

    public AiException(String message, Throwable cause) {
        super(message, cause);
    }
}
