package dev.hearth.plugins.feeds;

import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.HttpOptions;
import dev.hearth.api.HttpResult;
import dev.hearth.api.Origin;
import dev.hearth.api.UserPaths;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a feed's bytes: over HTTP(S) through the context's policy-bound {@code HttpAccess} with a
 * conditional GET, or from a local file ({@code file:} URL or a path; only for the user, never for a
 * model's tool call).
 */
final class FeedSource {

    /**
     * The bytes of a feed and the state to keep.
     *
     * @param body        the feed
     * @param notModified whether the server answered 304 and {@code body} is the one kept from before
     * @param state       the feed's state with the new validators
     */
    record Fetched(byte[] body, boolean notModified, FeedState state) {
    }

    private FeedSource() {
    }

    static Fetched read(String url, FeedState state, Path stateDir, ActionContext context) {
        long maxBytes = context.settings().getLong("max.bytes", 10L * 1024 * 1024);
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return http(url, state, stateDir, context, maxBytes);
        }
        if (context.origin() == Origin.MODEL) {
            throw new ActionException("feeds.read: a model may read only http(s) feeds, not '" + url
                    + "'; read local feed files from a cell");
        }
        return new Fetched(file(url, maxBytes), false, state);
    }

    private static Fetched http(String url, FeedState state, Path stateDir, ActionContext context, long maxBytes) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new ActionException("feeds.read: '" + url + "' is not a valid URL: " + e.getReason());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/rss+xml, application/atom+xml, application/feed+json, "
                + "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5");
        byte[] cached;
        try {
            cached = state.cachedBody(stateDir).orElse(null);
        } catch (IOException e) {
            cached = null;
        }
        if (cached != null) {
            if (state.etag() != null) {
                headers.put("If-None-Match", state.etag());
            }
            if (state.lastModified() != null) {
                headers.put("If-Modified-Since", state.lastModified());
            }
        }
        HttpOptions options = HttpOptions.DEFAULT.withMaxBytes(maxBytes).withHeaders(headers)
                .withTimeout(context.settings().getSeconds("timeout.seconds", Duration.ofSeconds(20)));
        HttpResult result = context.http().get(uri, options);
        if (result.status() == 304 && cached != null) {
            return new Fetched(cached, true, state);
        }
        if (!result.ok()) {
            throw new ActionException("feeds.read: " + url + " answered HTTP " + result.status()
                    + (result.status() == 404 ? " (not found: check the feed's address)" : ""));
        }
        if (result.truncated()) {
            throw tooBig(url, maxBytes);
        }
        try {
            FeedState next = state.fetched(stateDir, result.header("etag").orElse(null),
                    result.header("last-modified").orElse(null), result.body());
            return new Fetched(result.body(), false, next);
        } catch (IOException e) {
            throw new ActionException("feeds.read: cannot keep the feed's state in " + stateDir + ": " + e.getMessage());
        }
    }

    private static byte[] file(String url, long maxBytes) {
        Path path;
        try {
            path = url.regionMatches(true, 0, "file:", 0, 5) ? Path.of(URI.create(url.strip())) : UserPaths.of(url.strip());
        } catch (IllegalArgumentException e) {
            throw new ActionException("feeds.read: '" + url + "' is neither an http(s) URL nor a file: URL or path ("
                    + e.getMessage() + ")");
        }
        if (!Files.isRegularFile(path)) {
            throw new ActionException("feeds.read: no feed file at " + path.toAbsolutePath()
                    + " (a relative path is read from the working directory: the notebook's folder in hearth run)");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw tooBig(path.toString(), maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw new ActionException("feeds.read: cannot read " + path + ": " + e.getMessage());
        }
    }

    private static ActionException tooBig(String source, long maxBytes) {
        return new ActionException("feeds.read: " + source + " is larger than " + maxBytes
                + " bytes (feeds.max.bytes); raise the setting if this feed is really that big");
    }
}
