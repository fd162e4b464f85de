package dev.hearth.kernel.ai;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.CellHistory;
import dev.hearth.kernel.eval.CellFailure;
import dev.hearth.kernel.eval.Evaluator;
import dev.hearth.kernel.magic.MagicArgs;
import dev.hearth.kernel.magic.MagicParam;
import dev.hearth.kernel.magic.MagicSpec;
import dev.hearth.kernel.magic.MagicUsageException;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the AI magics share: their flags ({@code --format}, {@code --memory}, {@code --tools}, ...),
 * turning parsed flags and a filled prompt into an {@link AiRequest}, {@code --dry-run}, and
 * binding the answer to {@code _ai}.
 */
final class AiMagicRequests {

    private final Ai ai;
    private final Evaluator evaluator;
    private final CellHistory history;

    AiMagicRequests(Ai ai, Evaluator evaluator, CellHistory history) {
        this.ai = ai;
        this.evaluator = evaluator;
        this.history = history;
    }

    Ai ai() {
        return ai;
    }

    /** The JShell session, or {@code null}. */
    Evaluator evaluator() {
        return evaluator;
    }

    /** Earlier cells, or {@code null}. */
    CellHistory history() {
        return history;
    }

    static MagicSpec.Builder modelOptions(MagicSpec.Builder b) {
        return b.option("format", MagicParam.Type.STRING, "markdown (default), text, code, json or html")
                .option("system", MagicParam.Type.STRING, "system prompt")
                .option("temperature", MagicParam.Type.DOUBLE, "sampling temperature (0 = deterministic)")
                .option("seed", MagicParam.Type.INT, "random seed")
                .option("top-p", MagicParam.Type.DOUBLE, "nucleus sampling")
                .option("max-tokens", MagicParam.Type.INT, "most tokens in the answer")
                .option("num-ctx", MagicParam.Type.INT, "context window in tokens")
                .option("timeout", MagicParam.Type.INT, "seconds the call may take")
                .option("keep-alive", MagicParam.Type.INT, "seconds Ollama keeps the model loaded")
                .option("image", MagicParam.Type.STRING, "an image file for a vision model (repeat for more); {var} of an image variable works too")
                .option("thinking", MagicParam.Type.STRING, "show (collapsed) or hide a reasoning model's thinking (default %config ai.thinking)")
                .flag("dry-run", "show the messages that would be sent, without calling the model");
    }

    /** {@code --memory}, {@code -k}, {@code --tools}, {@code --allow}: answers from notes, and actions as tools. */
    static MagicSpec.Builder roomOptions(MagicSpec.Builder b) {
        return b.option("memory", MagicParam.Type.OPTIONAL_STRING,
                        "put the notes from memory most relevant to the prompt in it as numbered sources (--memory=COLLECTION for another collection)")
                .option("k", "k", MagicParam.Type.INT, "with --memory: how many notes (default 5)")
                .option("tools", MagicParam.Type.OPTIONAL_STRING,
                        "let the model call actions as tools: all, or --tools=web.fetch,files.read")
                .option("allow", MagicParam.Type.STRING,
                        "with --tools: actions with side effects that may run without asking, e.g. --allow files.write");
    }

    static ModelSettings settings(MagicArgs args) {
        return ModelSettings.builder().temperature(args.decimal("temperature").orElse(null))
                .seed(args.integer("seed").orElse(null)).topP(args.decimal("top-p").orElse(null))
                .maxTokens(args.integer("max-tokens").orElse(null)).contextSize(args.integer("num-ctx").orElse(null))
                .timeout(args.integer("timeout").map(Duration::ofSeconds).orElse(null))
                .keepAliveSeconds(args.integer("keep-alive").orElse(null)).build();
    }

    PromptTemplate template() {
        return new PromptTemplate(name -> evaluator == null ? java.util.Optional.empty() : evaluator.valueOf(name), history);
    }

    /** Builds the request from the parsed flags and the (already filled) prompt. */
    AiRequest request(MagicSpec spec, MagicArgs args, String model, PromptTemplate.Filled filled,
                              dev.langchain4j.model.chat.request.json.JsonSchema schema) {
        String system = args.string("system").orElse(null);
        String prompt = filled.text();
        String user = prompt;
        if (args.string("pattern").isPresent()) {
            if (system != null) {
                throw new MagicUsageException("%" + spec.name() + ": use --system or --pattern, not both", spec);
            }
            String[] applied = ai.patterns().find(args.string("pattern").get()).apply(prompt);
            system = applied[0];
            user = applied[1];
        }
        AnswerFormat format = args.string("format").map(AnswerFormat::parse)
                .orElse(schema != null ? AnswerFormat.JSON : AnswerFormat.MARKDOWN);
        List<dev.langchain4j.data.message.ImageContent> images = new java.util.ArrayList<>(filled.images());
        for (String path : args.strings("image")) {
            images.add(PromptImages.fromFile(dev.hearth.api.UserPaths.of(path)));
        }
        Boolean thinking = args.string("thinking").map(v -> switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "show" -> Boolean.TRUE;
            case "hide" -> Boolean.FALSE;
            default -> throw new MagicUsageException("%" + spec.name() + ": --thinking is show or hide, not '" + v + "'", spec);
        }).orElse(null);
        return new AiRequest(model, system, List.of(), user, settings(args), format, schema, memoryQuery(spec, args),
                toolUse(spec, args), images, thinking);
    }

    /** {@code --memory} / {@code -k}: the notes to answer from, or {@code null}. */
    private static AiRequest.MemoryQuery memoryQuery(MagicSpec spec, MagicArgs args) {
        if (spec.param("--memory").isEmpty()) {
            return null;
        }
        Optional<String> collection = args.string("memory");
        Optional<Integer> k = args.integer("k");
        if (collection.isEmpty()) {
            if (k.isPresent()) {
                throw new MagicUsageException("%ai: -k is the number of notes for --memory; add --memory", spec);
            }
            return null;
        }
        if (k.isPresent() && k.get() < 1) {
            throw new MagicUsageException("%ai: -k must be at least 1, not " + k.get(), spec);
        }
        return new AiRequest.MemoryQuery(collection.get(), k.orElse(AiRequest.MemoryQuery.DEFAULT_K));
    }

    /** {@code --tools} / {@code --allow}: the actions the model may call, or {@code null}. */
    private static AiRequest.ToolUse toolUse(MagicSpec spec, MagicArgs args) {
        if (spec.param("--memory").isEmpty()) {
            return null;
        }
        Optional<String> tools = args.string("tools");
        Optional<String> allow = args.string("allow");
        if (tools.isEmpty()) {
            if (allow.isPresent()) {
                throw new MagicUsageException("%ai: --allow only makes sense with --tools", spec);
            }
            return null;
        }
        return new AiRequest.ToolUse(names(tools.get()), names(allow.orElse("")));
    }

    private static Set<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(n -> !n.isEmpty())
                .collect(Collectors.toSet());
    }

    MimeBundle dryRun(AiRequest request, String session) {
        ModelRef ref = ai.service().registry().resolve(request.model());
        ModelSettings settings = request.settings().orElse(ai.service().registry().defaults());
        List<dev.langchain4j.data.message.ChatMessage> messages = new java.util.ArrayList<>();
        if (session != null) {
            messages.addAll(ai.chats().messages(session));
        }
        AiRequest full = request.withHistory(messages);
        List<dev.langchain4j.data.message.ChatMessage> sent = ai.service().assemble(full);
        String text = "Model: " + ref + "\nSettings: " + settings.asMap() + "\nEstimated prompt tokens: "
                + AiService.estimateTokens(sent) + " of " + settings.contextSizeOrDefault() + "\n\n" + AiService.render(sent);
        return MimeBundle.text(text);
    }

    void bindAnswer(String into, AiAnswer answer) {
        if (evaluator == null) {
            return;
        }
        evaluator.bind(AiMagics.LAST_ANSWER, "String", answer.text());
        if (into != null) {
            evaluator.bind(into, "String", answer.text());
        }
    }

    /**
     * Offers the answer's code as a new cell below: all of it for {@code --format code}, its one
     * code block for {@code --cell}.
     */
    static void offerCode(boolean codeFormat, boolean cell, String answer, CellContext ctx) {
        if (codeFormat) {
            ctx.setNextInput(AnswerFormat.stripFence(answer).strip());
        } else if (cell) {
            List<String> blocks = AnswerFormat.codeBlocks(answer);
            if (blocks.size() == 1) {
                ctx.setNextInput(blocks.get(0));
            } else {
                ctx.stream(dev.hearth.kernel.cell.StreamName.STDERR, "--cell: the answer has " + blocks.size()
                        + " code blocks, not one, so no cell was added\n");
            }
        }
    }

    static Object endOf(AiAnswer answer) {
        if (answer.interrupted()) {
            throw CellFailure.interrupted();
        }
        return null;
    }
}
