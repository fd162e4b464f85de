package dev.hearth.kernel.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionResult;
import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.json.Json;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An MCP {@code tools/call} result as an {@link ActionResult}: text parts joined as the text (what
 * a model sees), images shown in the notebook under their MIME type, embedded resources and
 * resource links as text, {@code structuredContent} (else the content list) as the data.
 */
final class McpResults {

    private McpResults() {
    }

    /**
     * @throws ActionException when the server reports the call as failed ({@code isError})
     */
    static ActionResult toActionResult(String action, JsonNode result) {
        StringBuilder text = new StringBuilder();
        Map<String, Object> media = new LinkedHashMap<>();
        for (JsonNode part : result.path("content")) {
            String type = part.path("type").asText();
            switch (type) {
                case "text" -> append(text, part.path("text").asText());
                case "image", "audio" -> {
                    String mime = part.path("mimeType").asText(type + "/unknown");
                    String data = part.path("data").asText("");
                    media.putIfAbsent(mime, data);
                    append(text, "[" + type + " " + mime + ", " + decodedLength(data) + " bytes]");
                }
                case "resource" -> {
                    JsonNode resource = part.path("resource");
                    append(text, "[resource " + resource.path("uri").asText() + "]"
                            + (resource.has("text") ? "\n" + resource.path("text").asText()
                            : " (" + resource.path("mimeType").asText("binary") + ", "
                            + decodedLength(resource.path("blob").asText("")) + " bytes)"));
                }
                case "resource_link" -> append(text, "[link " + part.path("uri").asText()
                        + (part.hasNonNull("name") ? " " + part.path("name").asText() : "") + "]");
                default -> append(text, "[" + type + " content]");
            }
        }
        if (result.path("isError").asBoolean(false)) {
            throw new ActionException(action + " failed: " + (text.length() == 0 ? "the server reported an error" : text));
        }
        if (text.length() == 0 && result.hasNonNull("structuredContent")) {
            text.append(result.get("structuredContent").toString());
        }
        JsonNode structured = result.hasNonNull("structuredContent") ? result.get("structuredContent") : result.path("content");
        Object data = Json.mapper().convertValue(structured, Object.class);
        ActionResult out = ActionResult.of(text.toString(), data);
        if (!media.isEmpty()) {
            MimeBundle bundle = MimeBundle.text(text.toString());
            for (Map.Entry<String, Object> m : media.entrySet()) {
                bundle = bundle.with(m.getKey(), m.getValue());
            }
            out = out.withDisplay(bundle);
        }
        return out;
    }

    private static void append(StringBuilder text, String part) {
        text.append(text.length() == 0 ? "" : "\n").append(part);
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }
}
