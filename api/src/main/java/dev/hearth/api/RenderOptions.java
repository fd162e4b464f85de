package dev.hearth.api;

/**
 * The session's display settings, handed to every {@link Renderer}.
 *
 * @param maxRows how many rows a table shows before "N more rows" ({@code display.max.rows})
 */
public record RenderOptions(int maxRows) {

    /** The settings when none are configured. */
    public static final RenderOptions DEFAULTS = new RenderOptions(50);

    /** @throws IllegalArgumentException when {@code maxRows} is not positive */
    public RenderOptions {
        if (maxRows < 1) {
            throw new IllegalArgumentException("display.max.rows must be at least 1, not " + maxRows);
        }
    }
}
