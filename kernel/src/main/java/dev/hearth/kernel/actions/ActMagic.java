package dev.hearth.kernel.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.kernel.json.Json;
import dev.hearth.api.ActionParam;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.Origin;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.eval.Evaluator;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.ArgTokenizer;
import dev.hearth.kernel.magic.MagicCall;
import dev.hearth.kernel.magic.MagicSpec;
import dev.hearth.kernel.magic.MagicUsageException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code %act NAME key=value ...} and {@code %%act NAME} with a JSON object as the body: runs an
 * action as the user, shows its result richly and binds it to {@code _act}.
 */
public final class ActMagic implements Magic {

    private static final ObjectMapper JSON = Json.mapper();

    private final ActionRegistry registry;
    private final Evaluator evaluator;

    /**
     * @param evaluator where {@code _act} is bound, or {@code null} to not bind it
     */
    public ActMagic(ActionRegistry registry, Evaluator evaluator) {
        this.registry = registry;
        this.evaluator = evaluator;
    }

    /** The help lists every action's usage once the plugins are loaded (never loads them itself). */
    @Override
    public MagicSpec spec() {
        List<ActionSpec> actions = registry.isLoaded() ? registry.list() : List.of();
        return MagicSpec.builder("act", MagicSpec.Kind.LINE_AND_CELL)
                .usage("%act NAME key=value ...  |  %%act NAME + JSON object")
                .summary("Run an action; the result is shown and bound to _act")
                .help("Values with spaces go in quotes: %act files.write path=a.md content=\"two words\".\n"
                        + "In %%act the body is a JSON object of the parameters. %actions lists the actions.\n\n"
                        + actions.stream().map(ActionSpec::usage).collect(Collectors.joining("\n")))
                .build();
    }

    /** The action names while the name is typed, then that action's parameter names as {@code key=}. */
    @Override
    public List<String> argumentCandidates(List<String> words) {
        if (words.size() <= 2) {
            return registry.list().stream().map(ActionSpec::name).collect(Collectors.toList());
        }
        return registry.spec(words.get(1)).map(spec -> spec.params().stream()
                .map(p -> p.name() + "=").collect(Collectors.toList())).orElse(List.of());
    }

    @Override
    public Object run(MagicCall call, CellContext ctx) {
        MagicSpec spec = spec();
        List<String> words = ArgTokenizer.split(call.line());
        if (words.isEmpty()) {
            throw new MagicUsageException("%act: which action? %actions lists them", spec);
        }
        String name = words.get(0);
        Map<String, Object> input = new LinkedHashMap<>();
        for (String word : words.subList(1, words.size())) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new MagicUsageException("%act: '" + word + "' is not key=value" + paramsHint(name), spec);
            }
            input.put(word.substring(0, eq), word.substring(eq + 1));
        }
        if (call.cellMagic() && !call.body().isBlank()) {
            input.putAll(parseBody(name, call.body(), spec));
        }
        ActionResult result = registry.run(name, input, ctx, Origin.USER);
        if (evaluator != null) {
            try {
                evaluator.bind("_act", ActionResult.class.getName(), result);
            } catch (RuntimeException e) {
                System.getLogger(ActMagic.class.getName()).log(System.Logger.Level.WARNING, "cannot bind _act: " + e);
            }
        }
        return result;
    }

    private String paramsHint(String name) {
        Optional<String> params = registry.spec(name).map(spec -> spec.params().stream()
                .map(ActionParam::synopsis).collect(Collectors.joining(" ")));
        return params.map(p -> "; " + name + " takes " + p).orElse("");
    }

    private static Map<String, Object> parseBody(String name, String body, MagicSpec spec) {
        try {
            Object parsed = JSON.readValue(body, Object.class);
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new MagicUsageException("%%act " + name + ": the body must be a JSON object of parameters", spec);
            }
            Map<String, Object> input = new LinkedHashMap<>();
            map.forEach((k, v) -> input.put(String.valueOf(k), v));
            return input;
        } catch (JsonProcessingException e) {
            throw new MagicUsageException("%%act " + name + ": the body is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")", spec);
        }
    }
}
