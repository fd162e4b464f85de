package dev.hearth.kernel.ai;

import dev.hearth.kernel.cell.CellContext;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;

import java.util.List;

/**
 * Offers tools to the model for a request and runs the calls it makes ({@link ActionTools} for
 * {@code --tools}). With no hook, or an empty tool list, no tools are offered.
 */
public interface ToolHook {

    /** The tools to offer for {@code request}; empty when it does not ask for tools. */
    List<ToolSpecification> tools(AiRequest request);

    /**
     * Runs one tool call the model made while answering {@code request} in {@code cell} (which may
     * be {@code null} outside a cell); returns the result as text for the model. A tool that was
     * not offered for {@code request} never runs.
     */
    String execute(AiRequest request, ToolExecutionRequest call, CellContext cell);
}
