package dev.hearth.kernel.ai;

import dev.hearth.kernel.config.ConfigKey;
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

    /** Whether a reasoning model's thinking is shown (collapsed) or hidden; never part of the answer. */
    public static final ConfigKey THINKING = ConfigKey.of("ai.thinking",
            "show (collapsed above the answer) or hide a reasoning model's thinking", "show");
    /** Ollama's think request field. */
    public static final ConfigKey THINK = ConfigKey.of("ai.think",
            "true or false: ask Ollama reasoning models to think, or not (unset: the model's default)", null);
    /** The usage line under an answer. */
    public static final ConfigKey USAGE = ConfigKey.of("ai.usage",
            "on or off: prompt tokens, answer tokens and tokens/s under each answer", "on");

    /** Every key. */
    public static final List<ConfigKey> ALL = List.of(OLLAMA_URL, OPENAI_URL, OPENAI_KEY, MODEL, TEMPERATURE,
            SEED, TOP_P, MAX_TOKENS, NUM_CTX, TIMEOUT, KEEP_ALIVE, THINKING, THINK, USAGE);
}
