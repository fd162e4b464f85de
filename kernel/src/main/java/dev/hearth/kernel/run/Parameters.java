package dev.hearth.kernel.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Papermill-style parameters: {@code -p NAME=VALUE} become Java declarations in a cell injected
 * after the cell tagged {@code parameters} (or first, when there is none). Whole numbers become
 * {@code int}, decimals {@code double}, {@code true}/{@code false} {@code boolean}, anything else a
 * {@code String}; a declaration replaces the default the notebook declared.
 */
public final class Parameters {

    private Parameters() {
    }

    /**
     * Parses {@code NAME=VALUE} pairs.
     *
     * @throws IllegalArgumentException naming a pair without {@code =} or a name that is not a Java identifier
     */
    public static Map<String, String> parse(Iterable<String> pairs) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("parameter '" + pair + "' must be NAME=VALUE, e.g. -p city=Oslo");
            }
            String name = pair.substring(0, eq).strip();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("parameter name '" + name + "' is not a Java identifier");
            }
            parameters.put(name, pair.substring(eq + 1));
        }
        return parameters;
    }

    /** The Java source of the injected cell. */
    public static String toJava(Map<String, String> parameters) {
        StringBuilder source = new StringBuilder("// Parameters injected by hearth run\n");
        parameters.forEach((name, value) -> source.append(declaration(name, value)).append('\n'));
        return source.toString();
    }

    static String declaration(String name, String value) {
        String v = value.strip();
        if (v.matches("-?\\d{1,9}")) {
            return "int " + name + " = " + v + ";";
        }
        if (v.matches("-?\\d+\\.\\d+([eE]-?\\d+)?")) {
            return "double " + name + " = " + v + ";";
        }
        if (v.equals("true") || v.equals("false")) {
            return "boolean " + name + " = " + v + ";";
        }
        return "String " + name + " = " + literal(value) + ";";
    }

    private static String literal(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
