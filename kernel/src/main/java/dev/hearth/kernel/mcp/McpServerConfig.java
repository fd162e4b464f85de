package dev.hearth.kernel.mcp;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of {@code mcp.json}: a server started as a process speaking MCP over stdio
 * ({@code command}, {@code args}, {@code env}) or reached over streamable HTTP ({@code url},
 * {@code headers}). The environment and the headers often hold secrets: {@link #describe()} never
 * shows their values.
 *
 * @param name    the name in {@code mcp.json}; its tools become actions {@code NAMESPACE.tool}
 * @param command the program and its arguments (empty for an HTTP server)
 * @param env     extra environment variables for the process
 * @param url     the streamable HTTP endpoint, or {@code null} for a process
 * @param headers extra HTTP headers (e.g. {@code Authorization})
 */
public record McpServerConfig(String name, List<String> command, Map<String, String> env, String url,
                              Map<String, String> headers) {

    private static final Pattern SECRET_FLAG = Pattern.compile("(?i).*(key|token|secret|password|passwd|auth).*");

    /** Checks that exactly one of command and URL is given. */
    public McpServerConfig {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command == null ? List.of() : command);
        env = Map.copyOf(env == null ? Map.of() : env);
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        if (command.isEmpty() == (url == null || url.isBlank())) {
            throw new IllegalArgumentException("MCP server '" + name + "' needs either \"command\" (with \"args\") or \"url\"");
        }
        if (url != null && !url.isBlank()) {
            String scheme = URI.create(url).getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("MCP server '" + name + "': url must start with http:// or https://");
            }
        }
    }

    /** A server started as {@code command}. */
    public static McpServerConfig process(String name, List<String> command, Map<String, String> env) {
        return new McpServerConfig(name, command, env, null, Map.of());
    }

    /** A server reached at {@code url}. */
    public static McpServerConfig http(String name, String url, Map<String, String> headers) {
        return new McpServerConfig(name, List.of(), Map.of(), url, headers);
    }

    /** Whether the server is a process speaking over its standard streams. */
    public boolean isProcess() {
        return !command.isEmpty();
    }

    /**
     * The action namespace of the server's tools: the name in lower case, letters and digits only
     * ({@code my-files} gives {@code myfiles.read_file}).
     */
    public String namespace() {
        String letters = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (letters.isEmpty()) {
            throw new IllegalArgumentException("MCP server name '" + name + "' needs at least one letter or digit");
        }
        return Character.isLetter(letters.charAt(0)) ? letters : "mcp" + letters;
    }

    /**
     * What the server is, safe to show: the command with values after secret-looking flags masked,
     * or the URL without credentials or query; the names (never the values) of env variables and headers.
     */
    public String describe() {
        StringBuilder out = new StringBuilder();
        if (isProcess()) {
            boolean maskNext = false;
            for (String part : command) {
                String shown = part;
                int eq = part.indexOf('=');
                if (maskNext) {
                    shown = "***";
                } else if (eq > 0 && SECRET_FLAG.matcher(part.substring(0, eq)).matches()) {
                    shown = part.substring(0, eq + 1) + "***";
                }
                maskNext = part.startsWith("-") && eq < 0 && SECRET_FLAG.matcher(part).matches();
                out.append(out.length() == 0 ? "" : " ").append(shown);
            }
            if (!env.isEmpty()) {
                out.append(" (env: ").append(String.join(", ", new java.util.TreeSet<>(env.keySet()))).append(')');
            }
        } else {
            URI uri = URI.create(url);
            out.append(uri.getScheme()).append("://").append(uri.getHost())
                    .append(uri.getPort() < 0 ? "" : ":" + uri.getPort()).append(uri.getPath() == null ? "" : uri.getPath());
            if (!headers.isEmpty()) {
                out.append(" (headers: ").append(String.join(", ", new java.util.TreeSet<>(headers.keySet()))).append(')');
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return name + ": " + describe();
    }
}
