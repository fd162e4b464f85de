package dev.hearth.api;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to an HTTP call.
 *
 * @param status    the status code of the final answer
 * @param uri       the final URL, after redirects
 * @param headers   response headers, names in lower case
 * @param body      the body bytes, at most {@link HttpOptions#maxBytes()}
 * @param truncated whether the body was longer and was cut
 */
public record HttpResult(int status, URI uri, Map<String, List<String>> headers, byte[] body, boolean truncated) {

    /** Copies the header map. */
    public HttpResult {
        headers = Map.copyOf(headers);
    }

    /** The first value of header {@code name} (any case). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The media type without parameters, lower case, e.g. {@code text/html}; empty when absent. */
    public String mediaType() {
        return header("content-type").map(v -> v.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** The charset named in {@code Content-Type}, if it names a known one. */
    public Optional<Charset> charset() {
        return header("content-type").flatMap(v -> {
            for (String part : v.split(";")) {
                String p = part.strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    String name = p.substring(8).replace("\"", "").replace("'", "").strip();
                    try {
                        return Optional.of(Charset.forName(name));
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        });
    }

    /** Whether the status is 2xx. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
