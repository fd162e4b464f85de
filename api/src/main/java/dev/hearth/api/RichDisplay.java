package dev.hearth.api;

/**
 * A value that knows how to show itself in a notebook. When a cell's last expression, a
 * {@code display(...)} call or an action result is an instance of this interface, Hearth shows
 * the bundle it returns instead of its {@code toString()}.
 */
@FunctionalInterface
public interface RichDisplay {

    /** The MIME bundle to show for this value; should include {@code text/plain}. */
    MimeBundle toMimeBundle();
}
