package dev.hearth.kernel.ai;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.CellHistory;
import dev.hearth.kernel.eval.CellFailure;
import dev.hearth.kernel.eval.Evaluator;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.MagicArgs;
import dev.hearth.kernel.magic.MagicCall;
import dev.hearth.kernel.magic.MagicParam;
import dev.hearth.kernel.magic.MagicSpec;
import dev.hearth.kernel.magic.MagicUsageException;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The AI magics: {@code %%ai} / {@code %ai} (with {@code models}, {@code use}, {@code alias},
 * {@code status}, {@code help}), {@code %%chat} / {@code %chat} and {@code %pattern}. They parse
 * and fill the prompt, then call the same {@link Ai} facade cells use.
 */
public final class AiMagics {

    /** Name of the variable that always holds the last answer. */
    public static final String LAST_ANSWER = "_ai";

    private final Ai ai;
    private final Evaluator evaluator;
    private final CellHistory history;

    /**
     * @param ai        the facade doing the work
     * @param evaluator the JShell session (variables for {@code {name}}, binding {@code _ai}); may be {@code null}
     * @param history   earlier cells for {@code {In[n]}}, {@code {Out[n]}}, {@code {Err}}; may be {@code null}
     */
    public AiMagics(Ai ai, Evaluator evaluator, CellHistory history) {
        this.ai = ai;
        this.evaluator = evaluator;
        this.history = history;
    }

    /** The three magics, to register. */
    public List<Magic> all() {
        return List.of(new AiMagic(), new ChatMagic(), new PatternMagic());
    }

    private static MagicSpec.Builder modelOptions(MagicSpec.Builder b) {
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
    private static MagicSpec.Builder roomOptions(MagicSpec.Builder b) {
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

    private PromptTemplate template() {
        return new PromptTemplate(name -> evaluator == null ? java.util.Optional.empty() : evaluator.valueOf(name), history);
    }

    /** Builds the request from the parsed flags and the (already filled) prompt. */
    private AiRequest request(MagicSpec spec, MagicArgs args, String model, PromptTemplate.Filled filled,
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

    private MimeBundle dryRun(AiRequest request, String session) {
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

    private void bindAnswer(String into, AiAnswer answer) {
        if (evaluator == null) {
            return;
        }
        evaluator.bind(LAST_ANSWER, "String", answer.text());
        if (into != null) {
            evaluator.bind(into, "String", answer.text());
        }
    }

    /**
     * Offers the answer's code as a new cell below: all of it for {@code --format code}, its one
     * code block for {@code --cell}.
     */
    private static void offerCode(boolean codeFormat, boolean cell, String answer, CellContext ctx) {
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

    private static Object endOf(AiAnswer answer) {
        if (answer.interrupted()) {
            throw CellFailure.interrupted();
        }
        return null;
    }

    /** {@code %%ai} and {@code %ai}. */
    private final class AiMagic implements Magic {
        private final MagicSpec spec = roomOptions(modelOptions(MagicSpec.builder("ai", MagicSpec.Kind.LINE_AND_CELL)))
                .usage("%%ai [MODEL] [options] + prompt  |  %ai PROMPT  |  %ai fix [N]  |  %ai models|use MODEL|alias NAME MODEL|unalias NAME|status|help")
                .summary("Ask a local model (Ollama, OpenAI-compatible server, or a GGUF file); the answer streams into the cell")
                .option("pattern", MagicParam.Type.STRING, "use a prompt pattern (%pattern list)")
                .option("into", MagicParam.Type.STRING, "also bind the answer to this variable")
                .option("as", MagicParam.Type.STRING, "with --into: a record type; asks for JSON of that shape and binds an instance")
                .flag("cell", "offer the answer's code block as a new cell below (when the answer has exactly one)")
                .subcommands("models", "use", "alias", "unalias", "status", "fix", "help")
                .help("""
                        Models are provider:name: ollama:llama3.2 (default provider), openai:NAME (an OpenAI-compatible
                        server at %config openai.url), gguf:/path/model.gguf (in-process). The default comes from
                        %ai use, HEARTH_MODEL or %config model.
                        In the prompt, {name} is a variable's value, {In[3]} / {Out[3]} a cell's source / result,
                        {Err} the last error, {Err[3]} cell 3's error; {{ and }} are literal braces.
                        The answer is bound to _ai (and to --into VAR). Settings default to %config ai.* keys.
                        --format code, or --cell when the answer is one code block, offers the code as a new cell below.
                        %ai fix [N] explains why cell N (default: the last failed cell) failed and offers the
                        corrected code as a new cell below.""")
                .build();

        @Override
        public MagicSpec spec() {
            return spec;
        }

        @Override
        public Object run(MagicCall call, CellContext ctx) {
            MagicArgs args = call.args();
            List<String> words = args.positionals();
            if (!call.cellMagic() && !words.isEmpty() && words.get(0).equals("fix")) {
                return fix(words, args, ctx);
            }
            if (!call.cellMagic() && !words.isEmpty() && spec.subcommands().contains(words.get(0))) {
                return subcommand(words, args);
            }
            String model = null;
            String prompt;
            if (call.cellMagic()) {
                if (words.size() > 1) {
                    throw new MagicUsageException("%%ai: one model at most on the first line, got " + String.join(" ", words), spec);
                }
                model = words.isEmpty() ? null : words.get(0);
                prompt = call.body();
            } else {
                int first = 0;
                if (!words.isEmpty() && (ModelRef.looksLikeId(words.get(0))
                        || ai.service().registry().aliases().containsKey(words.get(0)))) {
                    model = words.get(0);
                    first = 1;
                }
                // without options the raw line is the prompt, so its quotes and spacing reach the model as written
                prompt = args.options().isEmpty()
                        ? call.line().strip().substring(first == 0 ? 0 : words.get(0).length()).strip()
                        : args.rest(first);
            }
            if (prompt.isBlank()) {
                throw new MagicUsageException("%ai: no prompt (write it after the flags, or in the cell body of %%ai)", spec);
            }
            String into = args.string("into").orElse(null);
            if (into != null && !into.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                throw new MagicUsageException("%ai: --into needs a Java variable name, not '" + into + "'", spec);
            }
            Class<?> type = null;
            if (args.string("as").isPresent()) {
                if (into == null) {
                    throw new MagicUsageException("%ai: --as TYPE needs --into VAR to bind the result to", spec);
                }
                String typeName = args.string("as").get();
                type = (evaluator == null ? java.util.Optional.<Class<?>>empty() : evaluator.resolveClass(typeName))
                        .orElseThrow(() -> new MagicUsageException("%ai: --as " + typeName
                                + ": no such type; declare the record in an earlier cell", spec));
            }
            AiRequest request = request(spec, args, model, template().fillWithImages(prompt), type == null ? null : Ai.schemaOf(type));
            if (args.flag("dry-run")) {
                return dryRun(request, null);
            }
            AiAnswer answer = ai.ask(request, ctx);
            if (type != null && !answer.interrupted()) {
                Object value = Ai.parse(answer.text(), type);
                evaluator.bind(LAST_ANSWER, "String", answer.text());
                evaluator.bind(into, args.string("as").get(), value);
                return null;
            }
            bindAnswer(into, answer);
            if (!answer.interrupted()) {
                offerCode(request.format() == AnswerFormat.CODE, args.flag("cell"), answer.text(), ctx);
            }
            return endOf(answer);
        }

        /** {@code %ai fix [N]}: why cell N failed, and its corrected code offered as a new cell below. */
        private Object fix(List<String> words, MagicArgs args, CellContext ctx) {
            if (history == null) {
                throw new MagicUsageException("%ai fix: this session keeps no history", spec);
            }
            List<String> rest = words.subList(1, words.size());
            String model = rest.stream().filter(w -> !w.matches("\\d+")).findFirst().orElse(null);
            if (rest.size() > 2 || model != null && !ModelRef.looksLikeId(model) && !ai.service().registry().aliases().containsKey(model)) {
                throw new MagicUsageException("%ai fix [N] [MODEL]: N is a cell's execution count, e.g. %ai fix 3", spec);
            }
            int n;
            java.util.Optional<String> given = rest.stream().filter(w -> w.matches("\\d+")).findFirst();
            if (given.isPresent()) {
                n = Integer.parseInt(given.get());
            } else {
                n = history.lastFailedCell().orElseThrow(() -> new MagicUsageException(
                        "%ai fix: no cell has failed in this session", spec));
            }
            String code = history.input(n).orElseThrow(() -> new MagicUsageException(
                    "%ai fix: cell " + n + " has not run in this session", spec));
            String error = history.error(n).orElseThrow(() -> new MagicUsageException(
                    "%ai fix: cell " + n + " did not fail", spec));
            List<String> declarations = evaluator == null ? List.of() : evaluator.declarationsUsedBy(code);
            String prompt = "This Java (JShell) cell of a Jupyter notebook failed.\n\nCell " + n + ":\n```java\n"
                    + code.strip() + "\n```\n\nError:\n```\n" + error.strip() + "\n```\n"
                    + (declarations.isEmpty() ? "" : "\nDeclarations from earlier cells that it uses:\n```java\n"
                    + String.join("\n", declarations) + "\n```\n")
                    + "\nExplain the cause in two or three sentences. Then give the whole corrected cell as one ```java code block.";
            AiRequest request = new AiRequest(model, null, List.of(),
                    prompt, settings(args), AnswerFormat.MARKDOWN, null, null, null, List.of(), null);
            if (args.flag("dry-run")) {
                return dryRun(request, null);
            }
            AiAnswer answer = ai.ask(request, ctx);
            bindAnswer(null, answer);
            if (!answer.interrupted()) {
                List<String> blocks = AnswerFormat.codeBlocks(answer.text());
                if (blocks.isEmpty()) {
                    ctx.stream(dev.hearth.kernel.cell.StreamName.STDERR,
                            "%ai fix: the answer has no code block, so no cell was added\n");
                } else {
                    ctx.setNextInput(blocks.get(blocks.size() - 1));
                }
            }
            return endOf(answer);
        }

        private Object subcommand(List<String> words, MagicArgs args) {
            ModelRegistry registry = ai.service().registry();
            switch (words.get(0)) {
                case "models" -> {
                    return MimeBundle.text(String.join("\n", ai.models()));
                }
                case "use" -> {
                    String id = args.requirePositional(1, "MODEL (e.g. %ai use ollama:llama3.2)");
                    return MimeBundle.text("Default model: " + registry.use(id));
                }
                case "alias" -> {
                    if (words.size() == 1) {
                        StringBuilder out = new StringBuilder();
                        registry.aliases().forEach((k, v) -> out.append(k).append(" -> ").append(v).append('\n'));
                        return MimeBundle.text(out.length() == 0 ? "No aliases. %ai alias NAME MODEL adds one." : out.toString());
                    }
                    String name = words.get(1);
                    String id = args.requirePositional(2, "MODEL (e.g. %ai alias fast ollama:llama3.2:1b)");
                    registry.alias(name, id);
                    return MimeBundle.text(name + " -> " + registry.resolve(name));
                }
                case "unalias" -> {
                    String name = args.requirePositional(1, "NAME of the alias to remove");
                    return MimeBundle.text(registry.unalias(name) ? "Alias " + name + " removed."
                            : "No alias named " + name + ". %ai alias lists them.");
                }
                case "status" -> {
                    StringBuilder out = new StringBuilder("Default model: " + registry.defaultModel() + "\n");
                    for (ModelRegistry.EndpointStatus s : registry.survey()) {
                        out.append(s.provider()).append(" (").append(s.endpoint()).append("): ")
                                .append(s.healthy() ? "ok, " : "DOWN, ").append(s.message()).append('\n');
                    }
                    registry.aliases().forEach((k, v) -> out.append("alias ").append(k).append(" -> ").append(v).append('\n'));
                    return MimeBundle.text(out.toString());
                }
                default -> {
                    return MimeBundle.text(spec.fullHelp());
                }
            }
        }
    }

    /** {@code %%chat} and {@code %chat list|show|reset}. */
    private final class ChatMagic implements Magic {
        private final MagicSpec spec = roomOptions(modelOptions(MagicSpec.builder("chat", MagicSpec.Kind.LINE_AND_CELL)))
                .usage("%%chat [--session NAME] [MODEL] + message  |  %chat list|show NAME|reset NAME")
                .summary("A multi-turn conversation with a model, saved under the Hearth home")
                .option("session", MagicParam.Type.STRING, "the conversation (default: default)")
                .subcommands("list", "show", "reset")
                .build();

        @Override
        public MagicSpec spec() {
            return spec;
        }

        @Override
        public Object run(MagicCall call, CellContext ctx) {
            MagicArgs args = call.args();
            if (!call.cellMagic()) {
                String sub = args.requirePositional(0, "list, show NAME or reset NAME");
                switch (sub) {
                    case "list" -> {
                        StringBuilder out = new StringBuilder();
                        ai.chats().list().forEach((name, turns) -> out.append(name).append("  ").append(turns).append(" turns\n"));
                        return MimeBundle.text(out.length() == 0 ? "No chats yet. Start one with %%chat." : out.toString());
                    }
                    case "show" -> {
                        String name = args.requirePositional(1, "session NAME");
                        StringBuilder out = new StringBuilder();
                        for (ChatStore.Turn turn : ai.chats().load(name)) {
                            out.append("**").append(turn.role()).append("**: ").append(turn.content()).append("\n\n");
                            if (!turn.sources().isEmpty()) {
                                out.append("*Sources:* ").append(String.join("; ", turn.sources())).append("\n\n");
                            }
                        }
                        return MimeBundle.markdown(out.length() == 0 ? "Chat " + name + " is empty." : out.toString());
                    }
                    case "reset" -> {
                        String name = args.requirePositional(1, "session NAME");
                        return MimeBundle.text(ai.chats().reset(name) ? "Chat " + name + " cleared." : "No chat named " + name + ".");
                    }
                    default -> throw new MagicUsageException("%chat: unknown subcommand '" + sub
                            + "': use list, show NAME or reset NAME (or %%chat for a message)", spec);
                }
            }
            String session = args.string("session").orElse("default");
            String model = args.positional(0).orElse(null);
            if (call.body().isBlank()) {
                throw new MagicUsageException("%%chat: write the message in the cell body", spec);
            }
            AiRequest request = request(spec, args, model, template().fillWithImages(call.body()), null);
            if (args.flag("dry-run")) {
                return dryRun(request, session);
            }
            AiAnswer answer = ai.chat(session, request, ctx);
            bindAnswer(null, answer);
            return endOf(answer);
        }
    }

    /** {@code %pattern list|show NAME}. */
    private final class PatternMagic implements Magic {
        private final MagicSpec spec = MagicSpec.builder("pattern", MagicSpec.Kind.LINE)
                .usage("%pattern list  |  %pattern show NAME")
                .summary("List or show the prompt patterns usable with %%ai --pattern NAME")
                .subcommands("list", "show")
                .build();

        @Override
        public MagicSpec spec() {
            return spec;
        }

        @Override
        public Object run(MagicCall call, CellContext ctx) {
            String sub = call.args().requirePositional(0, "list or show NAME");
            if (sub.equals("list")) {
                StringBuilder out = new StringBuilder();
                ai.patterns().list().forEach((name, source) -> out.append(name).append("  (").append(source).append(")\n"));
                return MimeBundle.text(out.toString());
            }
            if (sub.equals("show")) {
                Patterns.Pattern p = ai.patterns().find(call.args().requirePositional(1, "pattern NAME"));
                return MimeBundle.markdown("**" + p.name() + "** (" + p.source() + ")\n\n**system.md**\n\n" + p.system()
                        + (p.user() == null ? "" : "\n\n**user.md**\n\n" + p.user()));
            }
            throw new MagicUsageException("%pattern: unknown subcommand '" + sub + "': use list or show NAME", spec);
        }
    }
}
