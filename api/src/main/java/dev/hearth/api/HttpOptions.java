package dev.hearth.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Limits and headers of one HTTP call.
 *
 * @param timeout      the whole call, connection to last byte, redirects included
 * @param maxBytes     the body is cut after this many bytes ({@link HttpResult#truncated()})
 * @param maxRedirects redirects followed before giving up
 * @param headers      extra request headers, e.g. {@code Accept}
 */
public record HttpOptions(Duration timeout, long maxBytes, int maxRedirects, Map<String, String> headers) {

    /** 20 s, 5 MB, 5 redirects, no extra headers. */
    public static final HttpOptions DEFAULT = new HttpOptions(Duration.ofSeconds(20), 5L * 1024 * 1024, 5, Map.of());

    /** Checks the limits. */
    public HttpOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    /** These options with another time-out. */
    public HttpOptions withTimeout(Duration newTimeout) {
        return new HttpOptions(newTimeout, maxBytes, maxRedirects, headers);
    }

    /** These options with another size cap. */
    public HttpOptions withMaxBytes(long newMaxBytes) {
        return new HttpOptions(timeout, newMaxBytes, maxRedirects, headers);
    }

    /** These options with other headers. */
    public HttpOptions withHeaders(Map<String, String> newHeaders) {
        return new HttpOptions(timeout, maxBytes, maxRedirects, newHeaders);
    }
}
