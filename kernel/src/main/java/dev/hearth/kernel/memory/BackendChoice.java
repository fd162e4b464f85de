package dev.hearth.kernel.memory;

import java.util.Locale;

/**
 * Which backend the memory uses: a session setting ({@code memory.backend}, {@code chroma.url}),
 * read at each use so {@code %memory backend} and {@code %config} change it without rebuilding the
 * memory.
 *
 * @param name      {@code embedded} or {@code chroma}
 * @param chromaUrl the Chroma server, or {@code null} when none is configured
 */
public record BackendChoice(String name, String chromaUrl) {

    /** The embedded backend. */
    public static final BackendChoice EMBEDDED = new BackendChoice("embedded", null);

    public BackendChoice {
        name = name == null || name.isBlank() ? "embedded" : name.strip().toLowerCase(Locale.ROOT);
        if (!name.equals("embedded") && !name.equals("chroma")) {
            throw new IllegalArgumentException("Unknown memory backend '" + name + "': use embedded or chroma");
        }
        chromaUrl = chromaUrl == null || chromaUrl.isBlank() ? null : chromaUrl.strip().replaceAll("/+$", "");
    }
}
