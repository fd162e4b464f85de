package dev.hearth.kernel.ai;

import dev.hearth.kernel.config.ConfigKey;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.config.OllamaUrl;

import java.util.List;

/** The configuration keys of the AI room. */
public final class AiConfig {

    private AiConfig() {
    }

    /** Ollama's base URL ({@link OllamaUrl}); {@code OLLAMA_HOST} is honoured too. */
    public static final ConfigKey OLLAMA_URL = OllamaUrl.KEY;
    /** Base URL of an OpenAI-compatible server. */
    public static final ConfigKey OPENAI_URL = ConfigKey.of("openai.url",
            "base URL of an OpenAI-compatible server (LM Studio, llama.cpp server, vLLM)", "http://localhost:1234/v1");
    /** Its API key, never shown. */
    public static final ConfigKey OPENAI_KEY = ConfigKey.secret("openai.api.key",
            "API key for the OpenAI-compatible server, if it needs one (also HEARTH_OPENAI_API_KEY)");
    /** The session's default model. */
    public static final ConfigKey MODEL = ConfigKey.of("model",
            "default model for %%ai, provider:name (also HEARTH_MODEL)", "ollama:llama3.2");
    public static final ConfigKey TEMPERATURE = ConfigKey.of("ai.temperature", "default sampling temperature", null);
    public static final ConfigKey SEED = ConfigKey.of("ai.seed", "default random seed", null);
    public static final ConfigKey TOP_P = ConfigKey.of("ai.top.p", "default top-p", null);
    public static final ConfigKey MAX_TOKENS = ConfigKey.of("ai.max.tokens", "default most tokens per answer", null);
    public static final ConfigKey NUM_CTX = ConfigKey.of("ai.num.ctx",
            "context window in tokens (sent to Ollama as num_ctx)", String.valueOf(ModelSettings.DEFAULT_CONTEXT));
    public static final ConfigKey TIMEOUT = ConfigKey.of("ai.timeout", "seconds one model call may take",
            String.valueOf(ModelSettings.DEFAULT_TIMEOUT.toSeconds()));
    public static final ConfigKey KEEP_ALIVE = ConfigKey.of("ai.keep.alive",
            "seconds Ollama keeps a model loaded after a call", null);

    /** Every key. */
    public static final List<ConfigKey> ALL = List.of(OLLAMA_URL, OPENAI_URL, OPENAI_KEY, MODEL, TEMPERATURE,
            SEED, TOP_P, MAX_TOKENS, NUM_CTX, TIMEOUT, KEEP_ALIVE);

    /** Declares every key on {@code config}. */
    public static void declare(HearthConfig config) {
        ALL.forEach(config::declare);
    }
}
