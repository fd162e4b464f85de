package dev.hearth.kernel.deps;

/** A dependency request that could not be met; the message is short and says what to do. */
public final class DependencyException extends RuntimeException {

    public DependencyException(String message) {
        super(message);
    }

    public DependencyException(String message, Throwable cause) {
        super(message, cause);
    }
}
