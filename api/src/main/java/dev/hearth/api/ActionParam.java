package dev.hearth.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named input of an action.
 *
 * @param name         the parameter name: lower case letters, digits and underscores, e.g. {@code max_chars}
 * @param type         the value kind
 * @param description  one sentence for people and models
 * @param required     whether a call must give it
 * @param defaultValue the value used when an optional parameter is not given (already of {@code type}'s
 *                     Java kind), or {@code null} for none
 * @param allowed      the only accepted values (for a fixed choice such as {@code today|week}), or empty
 */
public record ActionParam(String name, ParamType type, String description, boolean required,
                          Object defaultValue, List<String> allowed) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** Checks the name and normalises the default to the parameter's kind. */
    public ActionParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("parameter name '" + name
                    + "' must be lower case letters, digits and underscores, starting with a letter");
        }
        description = description == null ? "" : description.strip();
        allowed = List.copyOf(allowed == null ? List.of() : allowed);
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("parameter '" + name + "' is required and cannot have a default");
        }
        defaultValue = defaultValue == null ? null : type.convert(defaultValue);
    }

    /** A required parameter. */
    public static ActionParam required(String name, ParamType type, String description) {
        return new ActionParam(name, type, description, true, null, List.of());
    }

    /** An optional parameter with a default ({@code null} for none). */
    public static ActionParam optional(String name, ParamType type, String description, Object defaultValue) {
        return new ActionParam(name, type, description, false, defaultValue, List.of());
    }

    /** This parameter restricted to the given values. */
    public ActionParam oneOf(String... values) {
        return new ActionParam(name, type, description, required, defaultValue, List.of(values));
    }

    /** E.g. {@code url=TEXT} or {@code [max_chars=N]} for usage lines. */
    public String synopsis() {
        String value = allowed.isEmpty() ? type.placeholder() : String.join("|", allowed);
        String text = name + "=" + value;
        return required ? text : "[" + text + "]";
    }
}
