package dev.hearth.kernel.ai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.kernel.json.Json;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.config.OllamaUrl;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns model ids ({@code provider:model}, or an alias) into langchain4j chat models: Ollama
 * through langchain4j-ollama, OpenAI-compatible servers through langchain4j-open-ai, GGUF files
 * in-process through llama.cpp. Holds the session default model and the aliases; built once,
 * releases in-process models on {@link #close}.
 */
public final class ModelRegistry implements AutoCloseable {

    /** How long listing and health checks may take. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    /** Aliases are settings under this prefix: {@code %ai alias fast M} sets {@code ai.alias.fast=M} for the session. */
    public static final String ALIAS_PREFIX = "ai.alias.";

    private final HearthConfig config;
    private final CellScope cells;
    private final Map<String, Object> models = new ConcurrentHashMap<>();
    private final Map<Path, GgufChatModel> ggufModels = new ConcurrentHashMap<>();

    private ModelRegistry(Builder builder) {
        this.config = builder.config;
        this.cells = builder.cells;
    }

    /** Starts a registry reading {@code config}. */
    public static Builder builder(HearthConfig config) {
        return new Builder(config);
    }

    /** The configuration this registry reads. */
    public HearthConfig config() {
        return config;
    }

    /** Ollama's base URL ({@link OllamaUrl}). */
    public String ollamaUrl() {
        return OllamaUrl.of(config);
    }

    /** The OpenAI-compatible server's base URL (ends with {@code /v1} for most servers). */
    public String openaiUrl() {
        String url = config.get(AiConfig.OPENAI_URL.name(), "http://localhost:1234/v1").strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private String openaiKey() {
        return config.get(AiConfig.OPENAI_KEY.name()).orElse("not-needed");
    }

    /** The default model: the {@code model} setting ({@code %ai use}, {@code HEARTH_MODEL}, config file), else {@code ollama:llama3.2}. */
    public ModelRef defaultModel() {
        return resolve(config.value(AiConfig.MODEL));
    }

    /** Makes {@code id} the session default: sets {@code model} in the session layer of the settings. */
    public ModelRef use(String id) {
        ModelRef ref = resolve(id);
        config.set(AiConfig.MODEL.name(), id.strip());
        return ref;
    }

    /**
     * Makes {@code name} stand for {@code id} in this and later sessions: saves {@code ai.alias.NAME}
     * in the Hearth home ({@link HearthConfig#save}).
     */
    public void alias(String name, String id) {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("An alias is one word of letters, digits, '.', '_' or '-', not '" + name + "'");
        }
        ModelRef.parse(id);
        config.save(ALIAS_PREFIX + name, id.strip());
    }

    /** Removes the alias {@code name}; false when there was none saved or set for the session. */
    public boolean unalias(String name) {
        return config.forget(ALIAS_PREFIX + name);
    }

    /** The aliases, sorted (from every layer of the settings). */
    public Map<String, String> aliases() {
        Map<String, String> aliases = new TreeMap<>();
        config.withPrefix(ALIAS_PREFIX).forEach((key, id) -> aliases.put(key.substring(ALIAS_PREFIX.length()), id));
        return aliases;
    }

    /** The model an id or alias names; {@code null} or blank means the default. */
    public ModelRef resolve(String idOrAlias) {
        if (idOrAlias == null || idOrAlias.isBlank()) {
            return defaultModel();
        }
        String name = idOrAlias.strip();
        String id = config.get(ALIAS_PREFIX + name).orElse(name);
        return ModelRef.parse(id);
    }

    /** The session defaults for generation settings. */
    public ModelSettings defaults() {
        return ModelSettings.fromConfig(config);
    }

    /** The streaming model for {@code ref}, built once per model and timeout. */
    public StreamingChatModel streaming(ModelRef ref, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        Boolean think = config.get(AiConfig.THINK.name()).map(v -> Boolean.parseBoolean(v.strip())).orElse(null);
        return (StreamingChatModel) models.computeIfAbsent("stream|" + ref + "|" + timeout + "|" + endpointOf(ref) + "|" + think, k -> switch (ref.provider()) {
            // Thinking arrives on its own channel (message.thinking), never mixed into the answer.
            case "ollama" -> OllamaStreamingChatModel.builder().baseUrl(ollamaUrl()).modelName(ref.name())
                    .timeout(timeout).think(think).returnThinking(true).build();
            case "openai" -> OpenAiStreamingChatModel.builder().baseUrl(openaiUrl()).apiKey(openaiKey())
                    .modelName(ref.name()).timeout(timeout).build();
            default -> gguf(ref);
        });
    }

    /** The blocking model for {@code ref}, built once per model and timeout. */
    public ChatModel blocking(ModelRef ref, Duration timeout) {
        return (ChatModel) models.computeIfAbsent("block|" + ref + "|" + timeout + "|" + endpointOf(ref), k -> switch (ref.provider()) {
            case "ollama" -> OllamaChatModel.builder().baseUrl(ollamaUrl()).modelName(ref.name())
                    .timeout(timeout).maxRetries(0).build();
            case "openai" -> OpenAiChatModel.builder().baseUrl(openaiUrl()).apiKey(openaiKey())
                    .modelName(ref.name()).timeout(timeout).maxRetries(0).build();
            default -> gguf(ref);
        });
    }

    private String endpointOf(ModelRef ref) {
        return switch (ref.provider()) {
            case "ollama" -> ollamaUrl();
            case "openai" -> openaiUrl();
            default -> "";
        };
    }

    private GgufChatModel gguf(ModelRef ref) {
        Path path = Path.of(ref.name()).toAbsolutePath().normalize();
        return ggufModels.computeIfAbsent(path, p -> GgufChatModel.of(p, Math.max(defaults().contextSizeOrDefault(), 512)));
    }

    /**
     * The request parameters for {@code settings} on {@code ref}'s provider. For Ollama the
     * context size is always sent ({@code num_ctx}), so the server never silently uses its own.
     */
    public ChatRequestParameters parameters(ModelRef ref, ModelSettings settings) {
        if ("openai".equals(ref.provider())) {
            return OpenAiChatRequestParameters.builder().temperature(settings.temperature()).topP(settings.topP())
                    .maxOutputTokens(settings.maxTokens()).seed(settings.seed()).build();
        }
        return OllamaChatRequestParameters.builder().temperature(settings.temperature()).topP(settings.topP())
                .maxOutputTokens(settings.maxTokens()).seed(settings.seed())
                .numCtx(settings.contextSizeOrDefault()).keepAlive(settings.keepAliveSeconds()).build();
    }

    /** One model a provider offers. */
    public record ModelInfo(String id, String size, String details) {
    }

    /**
     * One provider endpoint's health.
     *
     * @param provider the provider
     * @param endpoint its URL (or the loaded files for {@code gguf})
     * @param healthy  whether it answered
     * @param message  what it said, or why it failed
     * @param models   what it offers (empty when unhealthy)
     */
    public record EndpointStatus(String provider, String endpoint, boolean healthy, String message, List<ModelInfo> models) {
    }

    /** Asks every provider what it offers; unreachable ones say why. */
    public List<EndpointStatus> survey() {
        List<EndpointStatus> all = new ArrayList<>();
        all.add(cells.interruptibly(this::surveyOllama));
        all.add(cells.interruptibly(this::surveyOpenai));
        List<ModelInfo> gguf = new ArrayList<>();
        ggufModels.forEach((path, model) -> gguf.add(new ModelInfo("gguf:" + path,
                sizeOf(path), model.isLoaded() ? "loaded" : "not loaded yet")));
        all.add(new EndpointStatus("gguf", "in-process (llama.cpp)", true,
                gguf.isEmpty() ? "no GGUF model used yet; use gguf:/path/model.gguf" : gguf.size() + " model(s)", gguf));
        return all;
    }

    private static String sizeOf(Path path) {
        try {
            return humanBytes(java.nio.file.Files.size(path));
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private EndpointStatus surveyOllama() {
        String url = ollamaUrl();
        try {
            List<OllamaModel> found = OllamaModels.builder().baseUrl(url).timeout(PROBE_TIMEOUT).maxRetries(0)
                    .build().availableModels().content();
            List<ModelInfo> infos = new ArrayList<>();
            for (OllamaModel m : found) {
                String params = m.getDetails() == null ? "" : Objects.toString(m.getDetails().getParameterSize(), "");
                infos.add(new ModelInfo("ollama:" + m.getName(), humanBytes(m.getSize()), params));
            }
            return new EndpointStatus("ollama", url, true, infos.size() + " model(s)", infos);
        } catch (RuntimeException e) {
            return new EndpointStatus("ollama", url, false, AiErrors.explain(e, new ModelRef("ollama", "?"), url, List.of()).getMessage(), List.of());
        }
    }

    /** The names Ollama has pulled, or an empty list when it cannot be asked. */
    public List<String> ollamaModelNames() {
        EndpointStatus status = cells.interruptibly(this::surveyOllama);
        return status.models().stream().map(m -> m.id().substring("ollama:".length())).toList();
    }

    private EndpointStatus surveyOpenai() {
        String url = openaiUrl();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/models")).timeout(PROBE_TIMEOUT).GET();
            config.get(AiConfig.OPENAI_KEY.name()).ifPresent(k -> request.header("Authorization", "Bearer " + k));
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new EndpointStatus("openai", url, false, "HTTP " + response.statusCode() + ": "
                        + AiErrors.serverMessage(response.body()), List.of());
            }
            List<ModelInfo> infos = new ArrayList<>();
            for (JsonNode model : Json.mapper().readTree(response.body()).path("data")) {
                infos.add(new ModelInfo("openai:" + model.path("id").asText(), "", model.path("owned_by").asText("")));
            }
            return new EndpointStatus("openai", url, true, infos.size() + " model(s)", infos);
        } catch (java.io.IOException e) {
            return new EndpointStatus("openai", url, false, "not reachable (" + e.getClass().getSimpleName() + ")", List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new EndpointStatus("openai", url, false, "interrupted", List.of());
        } catch (RuntimeException e) {
            return new EndpointStatus("openai", url, false, String.valueOf(e.getMessage()), List.of());
        }
    }

    static String humanBytes(long bytes) {
        if (bytes <= 0) {
            return "";
        }
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }

    /** Releases every in-process model. */
    @Override
    public void close() {
        ggufModels.values().forEach(GgufChatModel::close);
    }

    /** Builds a {@link ModelRegistry}. */
    public static final class Builder {
        private final HearthConfig config;
        private CellScope cells = new CellScope();

        private Builder(HearthConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The session's running cell, which interrupts listing and health checks. */
        public Builder cells(CellScope cells) {
            this.cells = Objects.requireNonNull(cells, "cells");
            return this;
        }

        public ModelRegistry build() {
            return new ModelRegistry(this);
        }
    }
}
