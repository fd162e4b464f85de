package dev.hearth.kernel.ai;

import dev.hearth.api.BackgroundThreads;
import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.DisplayHandle;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one implementation behind {@code %%ai}, {@code %%chat} and the {@code ai} object of cells:
 * assembles the messages, guards the context window, streams the answer into the cell as a
 * display updated per batch of tokens, and stops promptly when the cell is interrupted.
 */
public final class AiService implements AutoCloseable {

    /** Metadata key of the answer display. */
    public static final String METADATA_KEY = "hearth_ai";
    /** The display is updated at most this often while tokens arrive. */
    static final long UPDATE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int MAX_TOOL_ROUNDS = 5;

    private final ModelRegistry registry;
    private final List<PromptSource> sources;
    private final ToolHook toolHook;
    private final ExecutorService callers = Executors.newCachedThreadPool(BackgroundThreads.daemon("hearth-ai-call"));

    private AiService(Builder builder) {
        this.registry = builder.registry;
        this.sources = List.copyOf(builder.sources);
        this.toolHook = builder.toolHook;
    }

    /** Starts a service over {@code registry}. */
    public static Builder builder(ModelRegistry registry) {
        return new Builder(registry);
    }

    /** The models this service calls. */
    public ModelRegistry registry() {
        return registry;
    }

    /** The exact messages {@code request} sends, after every prompt source ran. */
    public List<ChatMessage> assemble(AiRequest request) {
        return draft(request).messages();
    }

    private PromptDraft draft(AiRequest request) {
        PromptDraft draft = new PromptDraft(request.system(), request.history(), request.prompt());
        request.images().forEach(draft::addImage);
        for (PromptSource source : sources) {
            source.contribute(request, draft);
        }
        return draft;
    }

    /** A rough token count (about four characters per token, plus a few per message). */
    public static int estimateTokens(List<ChatMessage> messages) {
        int chars = 0;
        for (ChatMessage message : messages) {
            chars += textOf(message).length();
        }
        return (chars + 3) / 4 + 4 * messages.size();
    }

    /**
     * Fails with a clear message when the messages cannot fit the context window (leaving room
     * for the answer), instead of letting the server cut the prompt silently.
     */
    static void guard(List<ChatMessage> messages, ModelSettings settings) {
        int limit = settings.contextSizeOrDefault();
        int prompt = estimateTokens(messages);
        int answerRoom = settings.maxTokens() != null ? settings.maxTokens() : 0;
        if (prompt + answerRoom > limit) {
            int needed = prompt + answerRoom;
            // leave room for an answer: the next power of two above the prompt plus a quarter (at least 256)
            int wanted = needed + Math.max(256, needed / 4);
            int suggestion = Integer.highestOneBit(wanted - 1) << 1;
            throw new AiException("The prompt is about " + prompt + " tokens"
                    + (answerRoom > 0 ? " (+" + answerRoom + " for the answer)" : "")
                    + ", more than the context size of " + limit + " tokens. Raise it with --num-ctx "
                    + suggestion + " (or %config ai.num.ctx=" + suggestion + "), or shorten the prompt.");
        }
    }

    /** The messages as text, for {@code --dry-run}. */
    public static String render(List<ChatMessage> messages) {
        StringBuilder out = new StringBuilder();
        for (ChatMessage message : messages) {
            out.append("--- ").append(roleOf(message)).append(" ---\n").append(textOf(message)).append('\n');
        }
        return out.toString();
    }

    /**
     * Asks the model and streams the answer into {@code ctx} (when not {@code null}).
     *
     * @return the answer; {@link AiAnswer#interrupted()} when the user stopped it (the text so far is kept)
     * @throws AiException for an unreachable server, an unknown model, a timeout or a server error
     */
    public AiAnswer ask(AiRequest request, CellContext ctx) {
        ModelRef ref = registry.resolve(request.model());
        ModelSettings settings = request.settings().orElse(registry.defaults());
        PromptDraft draft = draft(request);
        List<ChatMessage> messages = new ArrayList<>(draft.messages());
        guard(messages, settings);
        List<ToolSpecification> tools = toolHook == null ? List.of() : toolHook.tools(request);
        boolean showThinking = request.thinking() != null ? request.thinking()
                : !"hide".equalsIgnoreCase(registry.config().value(AiConfig.THINKING));
        boolean showUsage = !"off".equalsIgnoreCase(registry.config().value(AiConfig.USAGE));
        LiveAnswer live = new LiveAnswer(ctx, request.format(), metadata(ref, settings), draft.footer(), showThinking, showUsage);
        long start = System.nanoTime();
        for (int round = 0; ; round++) {
            ChatRequest chat = chatRequest(ref, settings, messages, request, tools);
            Outcome outcome = stream(ref, settings, chat, ctx, live);
            if (outcome.response == null) {
                return live.finish(ref, settings, messages, draft.sources(), true, start);
            }
            live.addUsage(outcome.response.tokenUsage());
            AiMessage reply = outcome.response.aiMessage();
            if (reply.hasToolExecutionRequests() && toolHook != null && round < MAX_TOOL_ROUNDS) {
                messages.add(reply);
                for (ToolExecutionRequest call : reply.toolExecutionRequests()) {
                    messages.add(ToolExecutionResultMessage.from(call, toolHook.execute(request, call, ctx)));
                }
                continue;
            }
            return live.finish(ref, settings, messages, draft.sources(), false, start);
        }
    }

    private ChatRequest chatRequest(ModelRef ref, ModelSettings settings, List<ChatMessage> messages,
                                    AiRequest request, List<ToolSpecification> tools) {
        ChatRequestParameters base = registry.parameters(ref, settings);
        var extra = ChatRequestParameters.builder();
        if (request.schema() != null) {
            extra.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(request.schema()).build());
        }
        if (!tools.isEmpty()) {
            extra.toolSpecifications(tools);
        }
        return ChatRequest.builder().messages(messages).parameters(base.overrideWith(extra.build())).build();
    }

    private record Outcome(ChatResponse response) {
    }

    private Outcome stream(ModelRef ref, ModelSettings settings, ChatRequest chat, CellContext ctx, LiveAnswer live) {
        StreamingChatModel model = registry.streaming(ref, settings.timeoutOrDefault());
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.set(context.streamingHandle());
                if (done.isDone()) {
                    context.streamingHandle().cancel();
                    return;
                }
                live.append(partial.text());
            }

            @Override
            public void onPartialResponse(String text) {
                if (!done.isDone()) {
                    live.append(text);
                }
            }

            @Override
            public void onPartialThinking(PartialThinking thinking) {
                if (!done.isDone()) {
                    live.appendThinking(thinking.text());
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        };
        Runnable stop = () -> {
            done.cancel(false);
            StreamingHandle h = handle.get();
            if (h != null) {
                h.cancel();
            }
        };
        Duration timeout = settings.timeoutOrDefault();
        try (AutoCloseable ignored = ctx == null ? () -> { } : ctx.onCancel(stop)) {
            callers.execute(() -> {
                try {
                    model.chat(chat, handler);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
            return new Outcome(done.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (CancellationException e) {
            return new Outcome(null);
        } catch (TimeoutException e) {
            stop.run();
            live.close();
            throw AiErrors.timeout(ref, timeout);
        } catch (ExecutionException e) {
            live.close();
            throw explain(e.getCause(), ref);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.run();
            return new Outcome(null);
        } catch (Exception e) {
            throw new AiException("The call to " + ref + " failed: " + e.getMessage(), e);
        }
    }

    private AiException explain(Throwable error, ModelRef ref) {
        String endpoint = switch (ref.provider()) {
            case "ollama" -> registry.ollamaUrl();
            case "openai" -> registry.openaiUrl();
            default -> ref.name();
        };
        AiException explained = AiErrors.explain(error, ref, endpoint, List.of());
        if (explained.getMessage().startsWith("Model '")) {
            List<String> available = "ollama".equals(ref.provider()) ? registry.ollamaModelNames()
                    : registry.survey().stream().filter(s -> s.provider().equals(ref.provider()))
                    .flatMap(s -> s.models().stream()).map(m -> m.id().substring(ref.provider().length() + 1)).toList();
            return AiErrors.unknownModel(ref, endpoint, available);
        }
        return explained;
    }

    private static Map<String, Object> metadata(ModelRef ref, ModelSettings settings) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("model", ref.toString());
        meta.put("settings", settings.asMap());
        meta.put("seed", settings.seed());
        return meta;
    }

    static String textOf(ChatMessage message) {
        if (message instanceof SystemMessage m) {
            return m.text();
        }
        if (message instanceof UserMessage m) {
            return m.hasSingleText() ? m.singleText() : String.valueOf(m.contents());
        }
        if (message instanceof AiMessage m) {
            return m.text() != null ? m.text() : String.valueOf(m.toolExecutionRequests());
        }
        if (message instanceof ToolExecutionResultMessage m) {
            return m.text();
        }
        return String.valueOf(message);
    }

    static String roleOf(ChatMessage message) {
        return switch (message.type()) {
            case SYSTEM -> "system";
            case USER -> "user";
            case AI -> "assistant";
            case TOOL_EXECUTION_RESULT -> "tool";
            default -> message.type().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    @Override
    public void close() {
        callers.shutdownNow();
    }

    /** Builds an {@link AiService}. */
    public static final class Builder {
        private final ModelRegistry registry;
        private final List<PromptSource> sources = new ArrayList<>();
        private ToolHook toolHook;

        private Builder(ModelRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** Adds a prompt-assembly step (e.g. memory retrieval). */
        public Builder source(PromptSource source) {
            sources.add(source);
            return this;
        }

        /** Sets the tool hook (e.g. the actions room). */
        public Builder tools(ToolHook hook) {
            this.toolHook = hook;
            return this;
        }

        public AiService build() {
            return new AiService(this);
        }
    }
}
