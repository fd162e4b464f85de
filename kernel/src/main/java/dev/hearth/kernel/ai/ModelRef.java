package dev.hearth.kernel.ai;

import java.util.Locale;
import java.util.Set;

/**
 * A model id {@code provider:model}, e.g. {@code ollama:llama3.2}, {@code openai:qwen2.5} or
 * {@code gguf:/models/tiny.gguf}. A bare name means an Ollama model.
 *
 * @param provider {@code ollama}, {@code openai} or {@code gguf}
 * @param name     the model name within the provider (a file path for {@code gguf})
 */
public record ModelRef(String provider, String name) {

    /** The providers Hearth knows. */
    public static final Set<String> PROVIDERS = Set.of("ollama", "openai", "gguf");

    public ModelRef {
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("Unknown model provider '" + provider
                    + "': use ollama:NAME, openai:NAME or gguf:/path/model.gguf");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Model id '" + provider + ":' names no model, e.g. "
                    + provider + ":" + ("gguf".equals(provider) ? "/path/model.gguf" : "llama3.2"));
        }
    }

    /** Parses {@code provider:model}; a name without a known provider prefix is an Ollama model ({@code llama3.2:1b} too). */
    public static ModelRef parse(String id) {
        String text = id == null ? "" : id.strip();
        int colon = text.indexOf(':');
        if (colon > 0) {
            String prefix = text.substring(0, colon).toLowerCase(Locale.ROOT);
            if (PROVIDERS.contains(prefix)) {
                return new ModelRef(prefix, text.substring(colon + 1));
            }
        }
        return new ModelRef("ollama", text);
    }

    /** Whether {@code word} reads as a model id rather than prompt text (has a provider prefix). */
    public static boolean looksLikeId(String word) {
        int colon = word.indexOf(':');
        return colon > 0 && PROVIDERS.contains(word.substring(0, colon).toLowerCase(Locale.ROOT))
                && colon < word.length() - 1;
    }

    @Override
    public String toString() {
        return provider + ":" + name;
    }
}
