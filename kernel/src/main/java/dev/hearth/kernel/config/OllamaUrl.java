package dev.hearth.kernel.config;

/**
 * Where the Ollama server is, resolved one way for every part of Hearth that talks to it (chat
 * models and embeddings): {@code ollama.url} ({@code HEARTH_OLLAMA_URL}, config file or
 * {@code %config}), else Ollama's own {@code OLLAMA_HOST}, else {@code http://localhost:11434}.
 */
public final class OllamaUrl {

    /** The setting; declared by the AI room, read by every Ollama client. */
    public static final ConfigKey KEY = ConfigKey.of("ollama.url",
            "Ollama's base URL (also HEARTH_OLLAMA_URL or OLLAMA_HOST)", null);

    private static final String LOCAL = "http://localhost:11434";

    private OllamaUrl() {
    }

    /** The base URL, without a trailing slash; a bare {@code host:port} (as {@code OLLAMA_HOST} often is) gets {@code http://}. */
    public static String of(HearthConfig config) {
        String url = config.get(KEY.name()).or(() -> config.foreignVariable("OLLAMA_HOST")).orElse(LOCAL).strip();
        if (!url.contains("://")) {
            url = "http://" + url;
        }
        return url.replaceAll("/+$", "");
    }
}
