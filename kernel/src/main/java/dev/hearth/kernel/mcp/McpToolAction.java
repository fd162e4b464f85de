package dev.hearth.kernel.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionInput;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.InvalidInputException;
import dev.hearth.kernel.json.Json;

import java.util.Map;

/** A tool of an MCP server as an {@link Action}: the validated input becomes the tool's arguments. */
final class McpToolAction implements Action {

    private final McpServer server;
    private final McpTool tool;

    McpToolAction(McpServer server, McpTool tool) {
        this.server = server;
        this.tool = tool;
    }

    @Override
    public ActionSpec spec() {
        return tool.spec();
    }

    @Override
    public ActionResult invoke(ActionInput input, ActionContext context) {
        ObjectNode arguments = Json.mapper().createObjectNode();
        for (Map.Entry<String, Object> value : input.values().entrySet()) {
            String argument = tool.arguments().get(value.getKey());
            if (tool.jsonParams().contains(value.getKey())) {
                try {
                    arguments.set(argument, Json.mapper().readTree(value.getValue().toString()));
                } catch (JsonProcessingException e) {
                    throw new InvalidInputException(tool.spec().name(), value.getKey(), "parameter '" + value.getKey()
                            + "' expects JSON text (e.g. [\"a\", \"b\"]), not '" + value.getValue() + "'");
                }
            } else {
                arguments.set(argument, Json.mapper().valueToTree(value.getValue()));
            }
        }
        return server.call(tool, arguments, context.cancellation());
    }
}
