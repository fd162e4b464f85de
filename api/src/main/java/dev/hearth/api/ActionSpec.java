package dev.hearth.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How an action describes itself. Everything Hearth shows about an action, and everything a model
 * is told about it, is generated from this record: {@link #usage()} for {@code %help} and
 * {@code %actions}, {@link #jsonSchema()} and {@link #toolName()} for tool calling, and
 * {@link #validate(Map)} checks every input before the action runs.
 *
 * @param name        dotted, lower case, e.g. {@code web.fetch}: the part before the first dot names
 *                    the plugin's area and its settings section
 * @param description what it does and returns, for people and models (first sentence is the summary)
 * @param params      the parameters, in the order usage text shows them
 * @param sideEffects whether it changes anything outside Hearth (writes a file, adds an event);
 *                    such actions need the user's approval when a model calls them
 */
public record ActionSpec(String name, String description, List<ActionParam> params, boolean sideEffects) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9_]*)+");

    /** Checks the name, the description and that parameter names are unique. */
    public ActionSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("action name '" + name
                    + "' must be dotted lower case words, e.g. web.fetch");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("action " + name + " needs a description");
        }
        description = description.strip();
        params = List.copyOf(params == null ? List.of() : params);
        if (params.stream().map(ActionParam::name).distinct().count() != params.size()) {
            throw new IllegalArgumentException("action " + name + " declares a parameter twice");
        }
    }

    /** Starts a spec for the action {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The part of the name before the first dot, e.g. {@code web}: the settings section. */
    public String namespace() {
        return name.substring(0, name.indexOf('.'));
    }

    /** The name as a model tool name ({@code ^[a-zA-Z0-9_-]+$}): dots become underscores, {@code web_fetch}. */
    public String toolName() {
        return name.replace('.', '_');
    }

    /** The first sentence of the description. */
    public String summary() {
        int end = description.indexOf(". ");
        String first = end < 0 ? description : description.substring(0, end + 1);
        int newline = first.indexOf('\n');
        return newline < 0 ? first : first.substring(0, newline).strip();
    }

    /** The parameter called {@code name}, if declared. */
    public Optional<ActionParam> param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }

    /** E.g. {@code web.fetch url=TEXT [max_chars=N]}. */
    public String synopsis() {
        StringBuilder out = new StringBuilder(name);
        params.forEach(p -> out.append(' ').append(p.synopsis()));
        return out.toString();
    }

    /** Synopsis, description and one line per parameter, as {@code %help} shows them. */
    public String usage() {
        StringBuilder out = new StringBuilder("Usage: %act ").append(synopsis()).append("\n\n");
        out.append(description).append('\n');
        if (sideEffects) {
            out.append("\nHas side effects: a model needs your approval to run it.\n");
        }
        if (!params.isEmpty()) {
            out.append("\nParameters:\n");
            int width = params.stream().mapToInt(p -> p.name().length()).max().orElse(0);
            for (ActionParam p : params) {
                out.append("  ").append(p.name()).append(" ".repeat(width - p.name().length() + 2))
                        .append(p.type().jsonType());
                out.append(p.required() ? ", required" : p.defaultValue() != null
                        ? ", default " + p.defaultValue() : ", optional");
                if (!p.allowed().isEmpty()) {
                    out.append(", one of ").append(String.join("|", p.allowed()));
                }
                out.append(": ").append(p.description()).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The parameters as a JSON schema object (nested maps and lists), as model tool calling
     * expects: {@code {"type":"object","properties":{...},"required":[...],"additionalProperties":false}}.
     */
    public Map<String, Object> jsonSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (ActionParam p : params) {
            Map<String, Object> property = new LinkedHashMap<>();
            property.put("type", p.type().jsonType());
            // Tool-calling APIs drop "default", so the description a model reads says it too.
            property.put("description", p.description() + (p.defaultValue() == null ? "" : " (default " + p.defaultValue() + ")"));
            if (!p.allowed().isEmpty()) {
                property.put("enum", p.allowed());
            }
            if (p.defaultValue() != null) {
                property.put("default", p.defaultValue());
            }
            properties.put(p.name(), property);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", params.stream().filter(ActionParam::required).map(ActionParam::name)
                .collect(Collectors.toList()));
        schema.put("additionalProperties", false);
        return schema;
    }

    /**
     * Checks {@code raw} against the parameters and converts every value to its kind; text values
     * (from {@code %act name key=value}) are converted too. Optional parameters not given get their
     * default.
     *
     * @throws InvalidInputException naming the parameter that is unknown, missing, of the wrong
     *                               kind or not one of the allowed values
     */
    public ActionInput validate(Map<String, ?> raw) {
        Map<String, ?> given = raw == null ? Map.of() : raw;
        for (String key : given.keySet()) {
            if (param(key).isEmpty()) {
                throw new InvalidInputException(name, key, "unknown parameter '" + key + "'"
                        + (params.isEmpty() ? "; it takes none"
                        : "; known: " + params.stream().map(ActionParam::name).collect(Collectors.joining(", "))));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ActionParam p : params) {
            Object value = given.get(p.name());
            if (value == null) {
                if (p.required()) {
                    missing.add(p.name());
                } else if (p.defaultValue() != null) {
                    values.put(p.name(), p.defaultValue());
                }
                continue;
            }
            Object converted;
            try {
                converted = p.type().convert(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(name, p.name(), "parameter '" + p.name() + "' "
                        + e.getMessage() + ", not '" + value + "'");
            }
            if (!p.allowed().isEmpty() && !p.allowed().contains(converted.toString())) {
                throw new InvalidInputException(name, p.name(), "parameter '" + p.name() + "' must be one of "
                        + String.join(", ", p.allowed()) + ", not '" + value + "'");
            }
            values.put(p.name(), converted);
        }
        if (!missing.isEmpty()) {
            ActionParam first = param(missing.get(0)).orElseThrow();
            throw new InvalidInputException(name, first.name(), "missing required parameter '" + first.name()
                    + "' (" + first.description() + ")");
        }
        return new ActionInput(name, values);
    }

    /** Builds an {@link ActionSpec}. */
    public static final class Builder {
        private final String name;
        private String description;
        private final List<ActionParam> params = new ArrayList<>();
        private boolean sideEffects;

        private Builder(String name) {
            this.name = name;
        }

        /** What the action does and returns, for people and models. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Adds a parameter. */
        public Builder param(ActionParam param) {
            params.add(param);
            return this;
        }

        /** Adds a required parameter. */
        public Builder required(String paramName, ParamType type, String paramDescription) {
            return param(ActionParam.required(paramName, type, paramDescription));
        }

        /** Adds an optional parameter with a default ({@code null} for none). */
        public Builder optional(String paramName, ParamType type, String paramDescription, Object defaultValue) {
            return param(ActionParam.optional(paramName, type, paramDescription, defaultValue));
        }

        /** Marks the action as changing something outside Hearth. */
        public Builder sideEffects() {
            this.sideEffects = true;
            return this;
        }

        /** The spec. */
        public ActionSpec build() {
            return new ActionSpec(name, description, params, sideEffects);
        }
    }
}
