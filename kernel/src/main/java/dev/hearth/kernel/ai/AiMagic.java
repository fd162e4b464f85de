package dev.hearth.kernel.ai;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.CellHistory;
import dev.hearth.kernel.eval.Evaluator;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.MagicArgs;
import dev.hearth.kernel.magic.MagicCall;
import dev.hearth.kernel.magic.MagicParam;
import dev.hearth.kernel.magic.MagicSpec;
import dev.hearth.kernel.magic.MagicUsageException;

import java.util.List;
import java.util.Optional;

/** {@code %%ai} and {@code %ai}, with {@code %ai fix} and the model subcommands. */
final class AiMagic implements Magic {

    private final AiMagicRequests requests;
    private final Ai ai;
    private final Evaluator evaluator;
    private final CellHistory history;

    private final MagicSpec spec = AiMagicRequests.roomOptions(AiMagicRequests.modelOptions(MagicSpec.builder("ai", MagicSpec.Kind.LINE_AND_CELL)))
            .usage("%%ai [MODEL] [options] + prompt  |  %ai PROMPT  |  %ai fix [N]  |  %ai models|use MODEL|alias NAME MODEL|unalias NAME|status|require|help")
            .summary("Ask a local model (Ollama, OpenAI-compatible server, or a GGUF file); the answer streams into the cell")
            .option("pattern", MagicParam.Type.STRING, "use a prompt pattern (%pattern list)")
            .option("into", MagicParam.Type.STRING, "also bind the answer to this variable")
            .option("as", MagicParam.Type.STRING, "with --into: a record type; asks for JSON of that shape and binds an instance")
            .flag("cell", "offer the answer's code block as a new cell below (when the answer has exactly one)")
            .subcommands("models", "use", "alias", "unalias", "status", "require", "fix", "help")
            .help("""
                    Models are provider:name: ollama:llama3.2 (default provider), openai:NAME (an OpenAI-compatible
                    server at %config openai.url), gguf:/path/model.gguf (in-process). The default comes from
                    %ai use, HEARTH_MODEL or %config model.
                    In the prompt, {name} is a variable's value, {In[3]} / {Out[3]} a cell's source / result,
                    {Err} the last error, {Err[3]} cell 3's error; {{ and }} are literal braces.
                    The answer is bound to _ai (and to --into VAR). Settings default to %config ai.* keys.
                    --format code, or --cell when the answer is one code block, offers the code as a new cell below.
                    %ai fix [N] explains why cell N (default: the last failed cell) failed and offers the
                    corrected code as a new cell below.
                    %ai require stops the notebook here, saying how to get a model, when the default one cannot answer.""")
            .build();

    AiMagic(AiMagicRequests requests) {
        this.requests = requests;
        this.ai = requests.ai();
        this.evaluator = requests.evaluator();
        this.history = requests.history();
    }

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
        AiRequest request = requests.request(spec, args, model, requests.template().fillWithImages(prompt), type == null ? null : Ai.schemaOf(type));
        if (args.flag("dry-run")) {
            return requests.dryRun(request, null);
        }
        AiAnswer answer = ai.ask(request, ctx);
        if (type != null && !answer.interrupted()) {
            Object value = Ai.parse(answer.text(), type);
            evaluator.bind(AiMagics.LAST_ANSWER, "String", answer.text());
            evaluator.bind(into, args.string("as").get(), value);
            return null;
        }
        requests.bindAnswer(into, answer);
        if (!answer.interrupted()) {
            AiMagicRequests.offerCode(request.format() == AnswerFormat.CODE, args.flag("cell"), answer.text(), ctx);
        }
        return AiMagicRequests.endOf(answer);
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
                prompt, AiMagicRequests.settings(args), AnswerFormat.MARKDOWN, null, null, null, List.of(), null);
        if (args.flag("dry-run")) {
            return requests.dryRun(request, null);
        }
        AiAnswer answer = ai.ask(request, ctx);
        requests.bindAnswer(null, answer);
        if (!answer.interrupted()) {
            List<String> blocks = AnswerFormat.codeBlocks(answer.text());
            if (blocks.isEmpty()) {
                ctx.stream(dev.hearth.kernel.cell.StreamName.STDERR,
                        "%ai fix: the answer has no code block, so no cell was added\n");
            } else {
                ctx.setNextInput(blocks.get(blocks.size() - 1));
            }
        }
        return AiMagicRequests.endOf(answer);
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
            case "require" -> {
                return MimeBundle.text(ai.require());
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
