package dev.hearth.kernel.ai;

import dev.hearth.kernel.config.HearthConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generation settings of one call; {@code null} means "not set here". {@link #orElse} layers
 * per-call settings over the session defaults.
 *
 * @param temperature      sampling temperature, 0 for greedy
 * @param seed             random seed
 * @param topP             nucleus sampling
 * @param maxTokens        most tokens to generate
 * @param contextSize      context window in tokens ({@code num_ctx} for Ollama)
 * @param timeout          how long one call may take
 * @param keepAliveSeconds how long Ollama keeps the model loaded after the call
 */
public record ModelSettings(Double temperature, Integer seed, Double topP, Integer maxTokens,
                            Integer contextSize, Duration timeout, Integer keepAliveSeconds) {

    /** Nothing set. */
    public static final ModelSettings NONE = new ModelSettings(null, null, null, null, null, null, null);

    /** Context size when nothing else says. */
    public static final int DEFAULT_CONTEXT = 4096;
    /** Timeout when nothing else says. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** The session defaults from the configuration ({@code ai.*} keys). */
    public static ModelSettings fromConfig(HearthConfig config) {
        return new ModelSettings(
                config.get(AiConfig.TEMPERATURE.name()).map(v -> config.getDouble(AiConfig.TEMPERATURE.name(), 0)).orElse(null),
                config.get(AiConfig.SEED.name()).map(v -> config.getInt(AiConfig.SEED.name(), 0)).orElse(null),
                config.get(AiConfig.TOP_P.name()).map(v -> config.getDouble(AiConfig.TOP_P.name(), 1)).orElse(null),
                config.get(AiConfig.MAX_TOKENS.name()).map(v -> config.getInt(AiConfig.MAX_TOKENS.name(), 0)).orElse(null),
                config.getInt(AiConfig.NUM_CTX.name(), DEFAULT_CONTEXT),
                Duration.ofSeconds(config.getLong(AiConfig.TIMEOUT.name(), DEFAULT_TIMEOUT.toSeconds())),
                config.get(AiConfig.KEEP_ALIVE.name()).map(v -> config.getInt(AiConfig.KEEP_ALIVE.name(), 300)).orElse(null));
    }

    /** These settings, with every unset one taken from {@code defaults}. */
    public ModelSettings orElse(ModelSettings defaults) {
        return new ModelSettings(
                temperature != null ? temperature : defaults.temperature,
                seed != null ? seed : defaults.seed,
                topP != null ? topP : defaults.topP,
                maxTokens != null ? maxTokens : defaults.maxTokens,
                contextSize != null ? contextSize : defaults.contextSize,
                timeout != null ? timeout : defaults.timeout,
                keepAliveSeconds != null ? keepAliveSeconds : defaults.keepAliveSeconds);
    }

    /** The context size, or the default. */
    public int contextSizeOrDefault() {
        return contextSize != null ? contextSize : DEFAULT_CONTEXT;
    }

    /** The timeout, or the default. */
    public Duration timeoutOrDefault() {
        return timeout != null ? timeout : DEFAULT_TIMEOUT;
    }

    /** The settings that are set, by name, for display metadata. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        put(map, "temperature", temperature);
        put(map, "seed", seed);
        put(map, "top_p", topP);
        put(map, "max_tokens", maxTokens);
        put(map, "num_ctx", contextSize);
        put(map, "timeout_s", timeout == null ? null : timeout.toSeconds());
        put(map, "keep_alive_s", keepAliveSeconds);
        return map;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** A builder for per-call settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ModelSettings}. */
    public static final class Builder {
        private Double temperature;
        private Integer seed;
        private Double topP;
        private Integer maxTokens;
        private Integer contextSize;
        private Duration timeout;
        private Integer keepAliveSeconds;

        public Builder temperature(Double v) { temperature = v; return this; }
        public Builder seed(Integer v) { seed = v; return this; }
        public Builder topP(Double v) { topP = v; return this; }
        public Builder maxTokens(Integer v) { maxTokens = v; return this; }
        public Builder contextSize(Integer v) { contextSize = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder keepAliveSeconds(Integer v) { keepAliveSeconds = v; return this; }

        public ModelSettings build() {
            return new ModelSettings(temperature, seed, topP, maxTokens, contextSize, timeout, keepAliveSeconds);
        }
    }
}
