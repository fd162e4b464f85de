package dev.hearth.kernel.protocol;

/**
 * An incoming message that must not be served: bad signature, replay, broken framing, broken or
 * oversized JSON. When the message was authentic and its header readable, {@link #answerable()}
 * holds it (header, parent and identities; empty content) so the kernel can answer with an error.
 */
public class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Message answerable;

    public MalformedMessageException(String message) {
        this(message, null);
    }

    /** A refusal of an authentic message whose header could be read. */
    public MalformedMessageException(String message, Message answerable) {
        super(message);
        this.answerable = answerable;
    }

    /** The refused request, when it was authentic and can be answered; empty when it must be dropped silently. */
    public java.util.Optional<Message> answerable() {
        return java.util.Optional.ofNullable(answerable);
    }
}
