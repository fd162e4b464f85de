package dev.hearth.kernel.ai;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;

import java.util.List;

/**
 * Offers tools to the model for a request and runs the calls it makes (the actions room plugs in
 * here for {@code --tools}). With no hook, or an empty tool list, no tools are offered.
 */
public interface ToolHook {

    /** The tools to offer for {@code request}; empty when it does not ask for tools. */
    List<ToolSpecification> tools(AiRequest request);

    /** Runs one tool call the model made while answering {@code request}; returns the result as text for the model. */
    String execute(AiRequest request, ToolExecutionRequest call);
}
