package dev.hearth.api;

import java.util.Locale;

/** The value kinds an action parameter may have, with their JSON-schema names. */
public enum ParamType {
    /** Any text. */
    STRING("string", "TEXT"),
    /** A whole number (a {@link Long} in {@link ActionInput}). */
    INTEGER("integer", "N"),
    /** A decimal number (a {@link Double} in {@link ActionInput}). */
    NUMBER("number", "X"),
    /** {@code true} or {@code false} (also {@code yes}/{@code no}, {@code 1}/{@code 0} as text). */
    BOOLEAN("boolean", "true|false");

    private final String jsonType;
    private final String placeholder;

    ParamType(String jsonType, String placeholder) {
        this.jsonType = jsonType;
        this.placeholder = placeholder;
    }

    /** The JSON-schema {@code type} of this kind. */
    public String jsonType() {
        return jsonType;
    }

    /** A short placeholder for usage text, e.g. {@code N}. */
    public String placeholder() {
        return placeholder;
    }

    /**
     * Converts {@code raw} (a value from JSON, Java code, or text typed after {@code key=}) to this
     * kind.
     *
     * @return a {@link String}, {@link Long}, {@link Double} or {@link Boolean}
     * @throws IllegalArgumentException with a phrase such as "expects a whole number" when it does not fit
     */
    public Object convert(Object raw) {
        switch (this) {
            case STRING:
                if (raw instanceof String || raw instanceof Number || raw instanceof Boolean
                        || raw instanceof CharSequence) {
                    return raw.toString();
                }
                throw new IllegalArgumentException("expects text");
            case INTEGER:
                if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
                    return ((Number) raw).longValue();
                }
                if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                        && !Double.isInfinite(n.doubleValue())) {
                    return n.longValue();
                }
                if (raw instanceof String s) {
                    try {
                        return Long.parseLong(s.strip());
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                }
                throw new IllegalArgumentException("expects a whole number");
            case NUMBER:
                if (raw instanceof Number n) {
                    return n.doubleValue();
                }
                if (raw instanceof String s) {
                    try {
                        return Double.parseDouble(s.strip());
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                }
                throw new IllegalArgumentException("expects a number");
            case BOOLEAN:
                if (raw instanceof Boolean b) {
                    return b;
                }
                if (raw instanceof String s) {
                    switch (s.strip().toLowerCase(Locale.ROOT)) {
                        case "true": case "yes": case "1": return Boolean.TRUE;
                        case "false": case "no": case "0": return Boolean.FALSE;
                        default: break;
                    }
                }
                throw new IllegalArgumentException("expects true or false");
            default:
                throw new IllegalStateException(name());
        }
    }
}
