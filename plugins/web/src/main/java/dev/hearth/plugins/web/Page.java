package dev.hearth.plugins.web;

import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.HttpOptions;
import dev.hearth.api.HttpResult;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fetched page: HTML parsed with its boilerplate (navigation, headers, footers, scripts, forms)
 * removed, or plain text and JSON as they are.
 *
 * @param url       the final URL after redirects
 * @param kind      {@code html}, {@code text} or {@code json}
 * @param title     the title (the URL when the page has none)
 * @param content   the main content element for HTML, else {@code null}
 * @param text      the body text for text and JSON, else {@code null}
 * @param truncated whether the body was cut at the size cap
 */
record Page(URI url, String kind, String title, Element content, String text, boolean truncated) {

    private static final String BOILERPLATE = "script, style, noscript, template, iframe, svg, nav, header, footer, "
            + "aside, form, button, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true], "
            + ".nav, .navbar, .menu, .sidebar, .footer, .cookie, .cookies, #nav, #footer, #sidebar, #cookie-banner";

    /** A link on the page. */
    record Link(String text, String url) {
    }

    /** Fetches and parses {@code url} for the action {@code action}, with the {@code web.*} settings. */
    static Page fetch(String action, String url, ActionContext context) {
        URI uri = parseUrl(action, url);
        HttpOptions options = HttpOptions.DEFAULT
                .withTimeout(context.settings().getSeconds("timeout.seconds", Duration.ofSeconds(20)))
                .withMaxBytes(context.settings().getLong("max.bytes", 2L * 1024 * 1024))
                .withHeaders(Map.of("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.9,*/*;q=0.5",
                        "Accept-Language", "en;q=0.9,*;q=0.5"));
        HttpResult result = context.http().get(uri, options);
        if (result.status() >= 400) {
            throw new ActionException(action + ": " + url + " answered HTTP " + result.status()
                    + (result.status() == 404 ? " (not found)" : result.status() >= 500 ? " (server error)" : "")
                    + (result.uri().equals(uri) ? "" : " after redirecting to " + result.uri()));
        }
        String type = result.mediaType();
        if (type.isEmpty() || type.equals("text/html") || type.equals("application/xhtml+xml")) {
            return html(result);
        }
        if (type.equals("application/json") || type.endsWith("+json")) {
            return new Page(result.uri(), "json", result.uri().toString(), null, decode(result), result.truncated());
        }
        if (type.startsWith("text/")) {
            return new Page(result.uri(), "text", result.uri().toString(), null, decode(result), result.truncated());
        }
        throw new ActionException(action + ": " + url + " is " + type + ", not a page (HTML, text or JSON)");
    }

    private static URI parseUrl(String action, String url) {
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new ActionException(action + ": parameter 'url' must be a full http(s) URL such as "
                        + "https://example.org/page, not '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ActionException(action + ": parameter 'url' is not a valid URL: " + e.getReason());
        }
    }

    private static Page html(HttpResult result) {
        Charset charset = result.charset().orElse(null); // unknown or absent: Jsoup reads <meta charset> or uses UTF-8
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(result.body()), charset == null ? null : charset.name(),
                    result.uri().toString());
        } catch (IOException e) {
            throw new ActionException("cannot parse " + result.uri() + ": " + e.getMessage());
        }
        String title = doc.title().isBlank() ? result.uri().toString() : doc.title().strip();
        Element main = doc.selectFirst("article, main, [role=main]");
        Element content = (main != null ? main : doc.body()).clone();
        content.select(BOILERPLATE).remove();
        return new Page(result.uri(), "html", title, content, null, result.truncated());
    }

    private static String decode(HttpResult result) {
        return new String(result.body(), result.charset().orElse(StandardCharsets.UTF_8));
    }

    /** The readable text: paragraphs separated by blank lines. */
    String plainText() {
        if (content == null) {
            return text;
        }
        return Markdown.plain(content);
    }

    /** The content as Markdown. */
    String markdown() {
        if (content == null) {
            return kind.equals("json") ? "```json\n" + text.strip() + "\n```\n" : text;
        }
        return Markdown.render(content);
    }

    /** The links of the main content, absolute, without duplicates or in-page anchors. */
    List<Link> links() {
        if (content == null) {
            return List.of();
        }
        Map<String, Link> links = new LinkedHashMap<>();
        for (Element a : content.select("a[href]")) {
            String href = a.absUrl("href");
            String lower = href.toLowerCase(Locale.ROOT);
            if (!(lower.startsWith("http://") || lower.startsWith("https://"))) {
                continue;
            }
            int hash = href.indexOf('#');
            String target = hash < 0 ? href : href.substring(0, hash);
            links.putIfAbsent(target, new Link(a.text().strip().isEmpty() ? target : a.text().strip(), target));
        }
        return new ArrayList<>(links.values());
    }

    /** Cuts {@code text} to {@code max} characters with a note. */
    static String cut(String text, long max) {
        return text.length() <= max ? text : text.substring(0, (int) max) + "\n… (cut at " + max + " characters)";
    }
}
