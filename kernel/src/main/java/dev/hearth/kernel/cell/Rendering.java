package dev.hearth.kernel.cell;

import dev.hearth.api.MimeBundle;

/**
 * How a value is shown in a notebook (a cell's result, {@code display(...)}). The session's
 * renderers ({@code render.RenderRegistry}) implement it; {@link #TEXT} is the bare fallback.
 */
@FunctionalInterface
public interface Rendering {

    /** Every value as its text: {@code plainText} when given, else {@code String.valueOf(value)}. */
    Rendering TEXT = (value, plainText) -> MimeBundle.text(plainText != null ? plainText : String.valueOf(value));

    /**
     * The bundle for {@code value}, always with {@code text/plain}.
     *
     * @param plainText the value's text as the Java session showed it, or {@code null} for
     *                  {@code String.valueOf(value)}
     */
    MimeBundle toBundle(Object value, String plainText);
}
