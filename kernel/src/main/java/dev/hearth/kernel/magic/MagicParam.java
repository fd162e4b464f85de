package dev.hearth.kernel.magic;

import java.util.Objects;

/**
 * A named option of a magic: {@code --name VALUE}, {@code --name=VALUE}, or a switch
 * {@code --name}; optionally also {@code -x VALUE}.
 *
 * @param name        the long name without dashes
 * @param shortName   a one-letter alias without the dash, or {@code null}
 * @param type        what the value must be
 * @param description one line for the help
 */
public record MagicParam(String name, String shortName, Type type, String description) {

    /** The accepted value kinds. */
    public enum Type {
        /** A switch that takes no value. */
        FLAG("") ,
        /** Any text. */
        STRING("TEXT"),
        /** A whole number. */
        INT("N"),
        /** A decimal number. */
        DOUBLE("X"),
        /** A switch that may carry a value, given only as {@code --name=VALUE}; alone its value is empty. */
        OPTIONAL_STRING("[=TEXT]");

        private final String placeholder;

        Type(String placeholder) {
            this.placeholder = placeholder;
        }
    }

    public MagicParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    /** Whether {@code flag} (with its dashes) names this parameter. */
    public boolean matches(String flag) {
        return flag.equals("--" + name) || (shortName != null && flag.equals("-" + shortName));
    }

    /** E.g. {@code -k, --k N}. */
    public String synopsis() {
        String longForm = "--" + name + switch (type) {
            case FLAG -> "";
            case OPTIONAL_STRING -> type.placeholder;
            default -> " " + type.placeholder;
        };
        return shortName == null ? longForm : "-" + shortName + ", " + longForm;
    }
}
