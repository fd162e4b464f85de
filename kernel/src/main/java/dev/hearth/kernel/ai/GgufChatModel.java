package dev.hearth.kernel.ai;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A GGUF model run in-process by llama.cpp ({@code de.kherud:llama}), behind langchain4j's chat
 * interfaces. The model is loaded at the first call and kept until {@link #close}; calls are
 * served one at a time. Prompts use the ChatML template.
 */
public final class GgufChatModel implements StreamingChatModel, ChatModel, AutoCloseable {

    private static final String END = "<|im_end|>";

    private final Path path;
    private final int contextSize;
    private final int threads;
    private final Object lock = new Object();
    private LlamaModel model;
    private boolean closed;

    private GgufChatModel(Path path, int contextSize, int threads) {
        this.path = path;
        this.contextSize = contextSize;
        this.threads = threads;
    }

    /** A model for the GGUF file {@code path} (not loaded yet). */
    public static GgufChatModel of(Path path, int contextSize) {
        return new GgufChatModel(path.toAbsolutePath(), contextSize,
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /** The GGUF file. */
    public Path path() {
        return path;
    }

    private LlamaModel loaded() {
        if (closed) {
            throw new IllegalStateException("The model " + path + " was released (kernel shutting down)");
        }
        if (model == null) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("No GGUF file at " + path + ": give gguf:/absolute/path/model.gguf");
            }
            LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> { });
            model = new LlamaModel(new ModelParameters().setModel(path.toString())
                    .setCtxSize(contextSize).setThreads(threads).disableLog());
        }
        return model;
    }

    /** The ChatML text for {@code messages}, ending with the open assistant turn. */
    public static String chatml(List<ChatMessage> messages) {
        StringBuilder prompt = new StringBuilder();
        for (ChatMessage message : messages) {
            String role;
            String text;
            if (message instanceof SystemMessage m) {
                role = "system";
                text = m.text();
            } else if (message instanceof UserMessage m) {
                role = "user";
                text = m.singleText();
            } else if (message instanceof AiMessage m) {
                role = "assistant";
                text = m.hasToolExecutionRequests() ? toolCalls(m) : (m.text() == null ? "" : m.text());
            } else if (message instanceof ToolExecutionResultMessage m) {
                role = "tool";
                text = m.text();
            } else {
                throw new IllegalArgumentException("Unsupported message type " + message.type());
            }
            prompt.append("<|im_start|>").append(role).append('\n').append(text).append(END).append('\n');
        }
        return prompt.append("<|im_start|>assistant\n").toString();
    }

    /** Tool calls in the Hermes form the ChatML models were trained on: {@code <tool_call>{"name": ..., "arguments": {...}}</tool_call>}. */
    private static String toolCalls(AiMessage message) {
        StringBuilder out = new StringBuilder();
        for (dev.langchain4j.agent.tool.ToolExecutionRequest call : message.toolExecutionRequests()) {
            out.append("<tool_call>{\"name\": ").append(PythonJson.write(call.name())).append(", \"arguments\": ")
                    .append(PythonJson.reformat(call.arguments())).append("}</tool_call>");
        }
        return out.toString();
    }

    /** The number of tokens {@code text} takes for this model (loads it). */
    public int countTokens(String text) {
        synchronized (lock) {
            return loaded().encode(text).length;
        }
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        AtomicBoolean cancelled = new AtomicBoolean();
        StreamingHandle handle = new StreamingHandle() {
            @Override
            public void cancel() {
                cancelled.set(true);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        PartialResponseContext context = new PartialResponseContext(handle);
        try {
            handler.onCompleteResponse(generate(request.messages(), settingsOf(request.parameters()),
                    schemaOf(request.parameters()), token -> handler.onPartialResponse(new PartialResponse(token), context),
                    cancelled::get));
        } catch (RuntimeException | Error e) {
            handler.onError(e);
        }
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return generate(request.messages(), settingsOf(request.parameters()), schemaOf(request.parameters()),
                token -> { }, () -> false);
    }

    private static ModelSettings settingsOf(ChatRequestParameters p) {
        Integer seed = p instanceof OllamaChatRequestParameters o ? o.seed() : null;
        return ModelSettings.builder().temperature(p.temperature()).topP(p.topP()).maxTokens(p.maxOutputTokens())
                .seed(seed).build();
    }

    private static String schemaOf(ChatRequestParameters p) {
        ResponseFormat format = p.responseFormat();
        if (format == null || format.jsonSchema() == null) {
            return null;
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                    JsonSchemaElementUtils.toMap(format.jsonSchema().rootElement()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the JSON schema: " + e.getMessage(), e);
        }
    }

    /**
     * Generates an answer to {@code messages} (greedy unless a temperature is set).
     *
     * @param jsonSchema when not {@code null}, the answer is constrained to JSON following this schema
     * @param tokens     receives each piece of text as it is generated
     * @param cancelled  checked between tokens; when true, generation stops and what came so far is returned
     */
    public ChatResponse generate(List<ChatMessage> messages, ModelSettings settings, String jsonSchema,
                                 Consumer<String> tokens, BooleanSupplier cancelled) {
        return generate(messages, settings, jsonSchema, tokens, cancelled, false);
    }

    /**
     * As {@link #generate(List, ModelSettings, String, Consumer, BooleanSupplier)}; with
     * {@code fullLength}, the end of the answer is ignored and exactly the maximum number of
     * tokens is generated (for benchmarks that need answers of a known length).
     */
    public ChatResponse generate(List<ChatMessage> messages, ModelSettings settings, String jsonSchema,
                                 Consumer<String> tokens, BooleanSupplier cancelled, boolean fullLength) {
        InferenceParameters inference = new InferenceParameters(chatml(messages))
                .setTemperature(settings.temperature() == null ? 0f : settings.temperature().floatValue())
                .setCachePrompt(false)
                .setNPredict(settings.maxTokens() == null ? 512 : settings.maxTokens());
        if (fullLength) {
            inference.setIgnoreEos(true);
        } else {
            inference.setStopStrings(END);
        }
        if (settings.topP() != null) {
            inference.setTopP(settings.topP().floatValue());
        }
        if (settings.seed() != null) {
            inference.setSeed(settings.seed());
        }
        if (jsonSchema != null) {
            inference.setGrammar(LlamaModel.jsonSchemaToGrammar(jsonSchema));
        }
        StringBuilder text = new StringBuilder();
        int outputTokens = 0;
        FinishReason finish = FinishReason.STOP;
        synchronized (lock) {
            LlamaIterator iterator = loaded().generate(inference).iterator();
            while (iterator.hasNext()) {
                if (cancelled.getAsBoolean()) {
                    iterator.cancel();
                    finish = FinishReason.OTHER;
                    break;
                }
                LlamaOutput out = iterator.next();
                if (out.text.isEmpty()) {
                    continue;
                }
                outputTokens++;
                text.append(out.text);
                tokens.accept(out.text);
            }
            if (settings.maxTokens() != null && outputTokens >= settings.maxTokens()) {
                finish = FinishReason.LENGTH;
            }
        }
        String answer = text.toString();
        if (answer.endsWith(END)) {
            answer = answer.substring(0, answer.length() - END.length());
        }
        return ChatResponse.builder().aiMessage(AiMessage.from(answer)).finishReason(finish)
                .modelName("gguf:" + path).tokenUsage(new TokenUsage(null, outputTokens)).build();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        // Ollama's parameter type carries the seed through langchain4j's parameter merge
        return OllamaChatRequestParameters.builder().build();
    }

    @Override
    public List<dev.langchain4j.model.chat.listener.ChatModelListener> listeners() {
        return List.of();
    }

    @Override
    public dev.langchain4j.model.ModelProvider provider() {
        return dev.langchain4j.model.ModelProvider.OTHER;
    }

    @Override
    public java.util.Set<dev.langchain4j.model.chat.Capability> supportedCapabilities() {
        return java.util.Set.of();
    }

    /** Whether the weights are in memory. */
    public boolean isLoaded() {
        synchronized (lock) {
            return model != null;
        }
    }

    /** Releases the native model; later calls fail. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (model != null) {
                model.close();
                model = null;
            }
        }
    }
}
