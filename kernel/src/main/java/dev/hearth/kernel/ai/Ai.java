package dev.hearth.kernel.ai;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.hearth.kernel.json.Json;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.CellInterruptedException;
import dev.hearth.kernel.cell.CellScope;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code ai} object of Java cells, and the implementation the AI magics share. Answers stream
 * into the running cell when called from one; the methods return plain Java values.
 *
 * <pre>{@code
 * String a = ai.ask("What is the capital of France?");
 * String b = ai.ask("gguf:/models/tiny.gguf", "Hello");
 * String c = ai.chat("work", "Hi");        // remembered across kernel restarts
 * ai.models()                             // what each provider offers
 * }</pre>
 */
public final class Ai {

    private static final ObjectReader ANSWERS = Json.mapper().reader()
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final AiService service;
    private final ChatStore chats;
    private final Patterns patterns;
    private final CellScope cells;
    private volatile Usage lastUsage;

    /**
     * A facade over {@code service}, keeping chats in {@code chats} and finding {@code patterns};
     * answers stream into the running cell of {@code cells}.
     */
    public Ai(AiService service, ChatStore chats, Patterns patterns, CellScope cells) {
        this.service = service;
        this.chats = chats;
        this.patterns = patterns;
        this.cells = cells;
    }

    /** The service behind this facade. */
    public AiService service() {
        return service;
    }

    /** The chat sessions. */
    public ChatStore chats() {
        return chats;
    }

    /** The prompt patterns. */
    public Patterns patterns() {
        return patterns;
    }

    /** Asks the default model; the answer text. */
    public String ask(String prompt) {
        return ask(null, prompt);
    }

    /** Asks {@code model} (an id such as {@code ollama:llama3.2}, or an alias); the answer text. */
    public String ask(String model, String prompt) {
        return finished(ask(AiRequest.of(model, prompt), cell())).text();
    }

    /**
     * Asks the default model for an answer shaped as {@code type} (a record), using a JSON schema
     * derived from it, and returns the parsed instance.
     */
    public <T> T ask(String prompt, Class<T> type) {
        AiRequest request = new AiRequest(null, null, List.of(), prompt, ModelSettings.NONE, AnswerFormat.JSON,
                schemaOf(type), null, null, List.of(), null);
        return parse(finished(ask(request, cell())).text(), type);
    }

    /**
     * Asks the default model with the {@code k} notes of {@code collection} ({@code null}: the
     * default one) most relevant to the prompt as numbered sources, as {@code %%ai --memory} does.
     */
    public String askWithMemory(String collection, String prompt, int k) {
        return finished(ask(AiRequest.of(null, prompt).withMemory(new AiRequest.MemoryQuery(collection, k)), cell())).text();
    }

    /** {@link #askWithMemory(String, String, int)} with the default collection and 5 notes. */
    public String askWithMemory(String prompt) {
        return askWithMemory(null, prompt, AiRequest.MemoryQuery.DEFAULT_K);
    }

    /**
     * Asks the default model with every action offered as a tool, as {@code %%ai --tools} does.
     * Actions with side effects ask for approval in the cell unless named in {@code allowed}.
     */
    public String askWithTools(String prompt, String... allowed) {
        return finished(ask(AiRequest.of(null, prompt).withTools(new AiRequest.ToolUse(Set.of(), Set.of(allowed))), cell())).text();
    }

    /**
     * Asks the default model with the prompt pattern {@code pattern} (see {@code %pattern list})
     * applied to {@code input}, as {@code %%ai --pattern NAME} does.
     */
    public String askWithPattern(String pattern, String input) {
        String[] applied = patterns.find(pattern).apply(input);
        AiRequest request = new AiRequest(null, applied[0], List.of(), applied[1], ModelSettings.NONE,
                AnswerFormat.MARKDOWN, null, null, null, List.of(), null);
        return finished(ask(request, cell())).text();
    }

    /** Sends {@code prompt} in the chat {@code session} (created when new) to the default model. */
    public String chat(String session, String prompt) {
        return finished(chat(session, AiRequest.of(null, prompt), cell())).text();
    }

    /** What each provider offers, one line per model; unreachable providers say why. */
    public List<String> models() {
        List<String> lines = new ArrayList<>();
        for (ModelRegistry.EndpointStatus status : service.registry().survey()) {
            if (!status.healthy()) {
                lines.add(status.provider() + ": " + status.message());
            }
            for (ModelRegistry.ModelInfo info : status.models()) {
                lines.add((info.id() + "  " + info.size() + "  " + info.details()).strip());
            }
        }
        return lines;
    }

    /** Asks with every option of {@code request}, streaming into {@code ctx} (may be {@code null}). */
    public AiAnswer ask(AiRequest request, CellContext ctx) {
        return remember(service.ask(request, ctx));
    }

    private AiAnswer remember(AiAnswer answer) {
        lastUsage = answer.usage();
        return answer;
    }

    /**
     * The server's token counts and the speed of the last answer in this session ({@code %%ai},
     * {@code %%chat} or a Java call), or {@code null} when there was none or the server gave no counts.
     */
    public Usage lastUsage() {
        return lastUsage;
    }

    /**
     * One turn of the chat {@code session}: earlier turns are sent first, and the new turn is saved
     * when the answer completes (an interrupted answer is not saved).
     */
    public AiAnswer chat(String session, AiRequest request, CellContext ctx) {
        AiRequest withHistory = request.withHistory(chats.messages(session));
        AiAnswer answer = remember(service.ask(withHistory, ctx));
        if (!answer.interrupted()) {
            chats.append(session, request.prompt(), answer.text(), answer.sources());
        }
        return answer;
    }

    /** The JSON schema langchain4j derives from {@code type}. */
    public static JsonSchema schemaOf(Class<?> type) {
        return JsonSchema.builder().name(type.getSimpleName())
                .rootElement(JsonSchemaElementUtils.jsonSchemaElementFrom(type)).build();
    }

    /** Parses a JSON answer into {@code type}; a bad answer is an error quoting it. */
    public static <T> T parse(String json, Class<T> type) {
        try {
            return ANSWERS.forType(type).readValue(AnswerFormat.stripFence(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String shown = json.length() > 200 ? json.substring(0, 200) + "…" : json;
            throw new AiException("The answer is not a valid " + type.getSimpleName() + ": " + shown
                    + " (" + e.getOriginalMessage() + ")", e);
        }
    }

    private CellContext cell() {
        return cells.active().orElse(null);
    }

    private static AiAnswer finished(AiAnswer answer) {
        if (answer.interrupted()) {
            throw new CellInterruptedException();
        }
        return answer;
    }
}
