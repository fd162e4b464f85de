package dev.hearth.kernel.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.kernel.json.Json;

import java.util.Iterator;
import java.util.Map;

/**
 * JSON written with {@code ", "} and {@code ": "} separators, as Python's {@code json.dumps} does:
 * the form chat models see tool calls and tool results in during training, so prompts match it.
 */
public final class PythonJson {

    private static final ObjectMapper JSON = Json.mapper();

    private PythonJson() {
    }

    /** {@code json} (any JSON text) rewritten in Python's spacing; text that is not JSON is returned as is. */
    public static String reformat(String json) {
        try {
            return write(JSON.readTree(json));
        } catch (java.io.IOException e) {
            return json;
        }
    }

    /** A Java value (string, number, map, list) or a {@link JsonNode} in Python's spacing. */
    public static String write(Object value) {
        JsonNode node = value instanceof JsonNode n ? n : JSON.valueToTree(value);
        StringBuilder out = new StringBuilder();
        append(node, out);
        return out.toString();
    }

    private static void append(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(JSON.valueToTree(field.getKey()).toString()).append(": ");
                append(field.getValue(), out);
                if (fields.hasNext()) {
                    out.append(", ");
                }
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                append(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }
}
