package dev.hearth.kernel.protocol;

/** An incoming message that must be dropped: bad signature, replay, broken framing or JSON. */
public class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
