package dev.hearth.kernel.magic;

/**
 * Bad arguments to a magic. The message names the offending argument; the usage line of the
 * magic is appended when shown to the user.
 */
public class MagicUsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient MagicSpec spec;

    public MagicUsageException(String message, MagicSpec spec) {
        super(message);
        this.spec = spec;
    }

    /** The magic whose usage was wrong, or {@code null} for an unknown magic. */
    public MagicSpec spec() {
        return spec;
    }

    /** The message followed by the usage line. */
    public String userMessage() {
        return spec == null ? getMessage() : getMessage() + "\nUsage: " + spec.usage();
    }
}
