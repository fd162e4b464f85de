package dev.hearth.kernel.ai;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.actions.ActionTools;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.CurrentCell;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code --tools}: offers actions to the model as tools and runs the calls it makes through the
 * action registry (public network only; side effects only with the user's approval or
 * {@code --allow}). Each call and its result are shown compactly in the cell.
 */
public final class ActionToolHook implements ToolHook {

    /** Request option: comma-separated action names, {@code ""} for all. */
    public static final String OPTION = "tools";
    /** Request option: comma-separated actions with side effects that may run without asking. */
    public static final String ALLOW_OPTION = "allow";

    private static final int SHOWN_RESULT_CHARS = 200;

    private final ActionTools tools;

    public ActionToolHook(ActionTools tools) {
        this.tools = tools;
    }

    @Override
    public List<ToolSpecification> tools(AiRequest request) {
        String names = request.options().get(OPTION);
        if (names == null) {
            return List.of();
        }
        return tools.specifications(split(names));
    }

    @Override
    public String execute(AiRequest request, ToolExecutionRequest call) {
        Optional<CellContext> cell = CurrentCell.active();
        String result = tools.execute(call, cell.orElse(null), split(request.options().getOrDefault(ALLOW_OPTION, "")));
        cell.ifPresent(c -> c.display(MimeBundle.markdown("🔧 `" + call.name() + "` " + compact(call.arguments())
                + " → " + compact(shownPart(result)))));
        return result;
    }

    private static String shownPart(String result) {
        String[] lines = result.split("\n");
        return lines.length >= 3 && lines[0].startsWith("[tool ")
                ? String.join(" ", Arrays.copyOfRange(lines, 1, lines.length - 1)) : result;
    }

    private static String compact(String text) {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return flat.length() > SHOWN_RESULT_CHARS ? flat.substring(0, SHOWN_RESULT_CHARS) + "…" : flat;
    }

    private static Set<String> split(String names) {
        return Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
