package dev.hearth.kernel.mcp;

import dev.hearth.api.ActionParam;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.ParamType;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.McpToolMetadataKeys;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One tool of an MCP server as Hearth sees it: an {@link ActionSpec} named {@code NAMESPACE.tool}
 * (names in snake case: {@code get-sum} becomes {@code get_sum}, {@code dryRun} becomes
 * {@code dry_run}), and how to turn the action's parameters back into the tool's arguments.
 * Text, number, whole-number, boolean and one-of parameters keep their kind; arrays and objects
 * are given as JSON text. Only a tool the server marks {@code readOnlyHint: true} is free of side effects.
 *
 * @param spec       the action's spec
 * @param toolName   the tool's name on the server
 * @param arguments  action parameter name to the tool's argument name
 * @param jsonParams the parameters whose text is JSON (arrays, objects, anything else)
 */
public record McpTool(ActionSpec spec, String toolName, Map<String, String> arguments, Set<String> jsonParams) {

    /** Copies the maps. */
    public McpTool {
        arguments = Map.copyOf(arguments);
        jsonParams = Set.copyOf(jsonParams);
    }

    /**
     * The tool {@code tool} of the server whose namespace is {@code namespace}, or empty when its
     * name cannot become an action name.
     */
    public static Optional<McpTool> of(String namespace, String serverName, ToolSpecification tool) {
        String action = namespace + "." + snakeCase(tool.name());
        if (!action.matches("[a-z][a-z0-9]*\\.[a-z][a-z0-9_]*")) {
            return Optional.empty();
        }
        boolean readOnly = Boolean.TRUE.equals(tool.metadata().get(McpToolMetadataKeys.READ_ONLY_HINT));
        String description = tool.description() == null || tool.description().isBlank()
                ? "Tool " + tool.name() + " of the MCP server " + serverName + "." : tool.description().strip();
        ActionSpec.Builder spec = ActionSpec.builder(action)
                .description(description + "\n(MCP server " + serverName + ", tool " + tool.name() + ")");
        if (!readOnly) {
            spec.sideEffects();
        }
        Map<String, String> arguments = new LinkedHashMap<>();
        Set<String> json = new TreeSet<>();
        JsonObjectSchema schema = tool.parameters();
        if (schema != null && schema.properties() != null) {
            List<String> required = schema.required() == null ? List.of() : schema.required();
            for (Map.Entry<String, JsonSchemaElement> property : schema.properties().entrySet()) {
                String param = snakeCase(property.getKey());
                if (!param.matches("[a-z][a-z0-9_]*") || arguments.containsKey(param)) {
                    return Optional.empty();
                }
                arguments.put(param, property.getKey());
                JsonSchemaElement element = property.getValue();
                ParamType type = scalarType(element);
                String text = element.description() == null ? "" : element.description().strip();
                if (type == null) {
                    json.add(param);
                    type = ParamType.STRING;
                    text = (text.isEmpty() ? "" : text + " ") + "(JSON " + jsonKind(element) + ")";
                }
                ActionParam p = new ActionParam(param, type, text.isEmpty() ? property.getKey() : text,
                        required.contains(property.getKey()), null, List.of());
                if (element instanceof JsonEnumSchema choice) {
                    p = p.oneOf(choice.enumValues().toArray(String[]::new));
                }
                spec.param(p);
            }
        }
        return Optional.of(new McpTool(spec.build(), tool.name(), arguments, json));
    }

    private static ParamType scalarType(JsonSchemaElement element) {
        if (element instanceof JsonStringSchema || element instanceof JsonEnumSchema) {
            return ParamType.STRING;
        }
        if (element instanceof JsonIntegerSchema) {
            return ParamType.INTEGER;
        }
        if (element instanceof JsonNumberSchema) {
            return ParamType.NUMBER;
        }
        if (element instanceof JsonBooleanSchema) {
            return ParamType.BOOLEAN;
        }
        return null;
    }

    private static String jsonKind(JsonSchemaElement element) {
        String kind = element.getClass().getSimpleName().replace("Json", "").replace("Schema", "").toLowerCase(Locale.ROOT);
        return kind.equals("array") ? "array, e.g. [\"a\", \"b\"]" : kind.equals("object") ? "object, e.g. {\"key\": \"value\"}" : "value";
    }

    /** {@code get-sum} to {@code get_sum}, {@code dryRun} to {@code dry_run}. */
    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
    }
}
