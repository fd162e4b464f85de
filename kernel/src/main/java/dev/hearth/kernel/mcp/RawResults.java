package dev.hearth.kernel.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.kernel.json.Json;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.mcp.client.McpCallContext;
import dev.langchain4j.mcp.client.McpClientListener;
import dev.langchain4j.mcp.client.McpToolResultExtractor;
import dev.langchain4j.service.tool.ToolExecutionResult;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The whole {@code tools/call} result as the server sent it (every content part: text, images,
 * resources; {@code isError}), which langchain4j's {@link ToolExecutionResult} flattens. Its
 * client hands the raw response to listeners on the calling thread; this keeps it for that call.
 */
final class RawResults {

    private static final ThreadLocal<Map<String, Object>> LAST = new ThreadLocal<>();

    /** Keeps the raw response of each call for the thread that made it. */
    static final McpClientListener LISTENER = new McpClientListener() {
        @Override
        public void afterExecuteTool(McpCallContext context, ToolExecutionResult result, Map<String, Object> raw) {
            LAST.set(raw);
        }
    };

    /** Leaves the content to {@link McpResults}: langchain4j's own extractor refuses images. */
    static final McpToolResultExtractor EXTRACTOR = (result, structured) -> ToolExecutionResult.builder().resultText("").build();

    private RawResults() {
    }

    /**
     * Runs {@code call} (a client's {@code executeTool}) and returns the {@code result} object of
     * the response, also when the server marked it as an error.
     *
     * @throws ToolExecutionException for a protocol error (no result)
     */
    static JsonNode of(Supplier<ToolExecutionResult> call) {
        LAST.remove();
        try {
            call.get();
        } catch (ToolExecutionException e) {
            if (LAST.get() == null) {
                throw e;
            }
        }
        Map<String, Object> raw = LAST.get();
        LAST.remove();
        if (raw == null) {
            throw new IllegalStateException("the MCP client gave no response");
        }
        JsonNode response = Json.mapper().valueToTree(raw);
        return response.has("result") ? response.get("result") : response;
    }
}
