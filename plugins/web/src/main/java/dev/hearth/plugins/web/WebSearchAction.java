package dev.hearth.plugins.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionInput;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.HttpAccess;
import dev.hearth.api.HttpOptions;
import dev.hearth.api.HttpResult;
import dev.hearth.api.MimeBundle;
import dev.hearth.api.NetworkPolicy;
import dev.hearth.api.Origin;
import dev.hearth.api.ParamType;
import dev.hearth.api.PolicyHttpAccess;
import org.pf4j.Extension;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code web.search}: the top results of the user's own SearXNG instance ({@code web.search.url},
 * its JSON API {@code /search?q=...&format=json}) as title, URL and snippet. Nothing goes to a
 * search engine the user did not configure; without the setting the action refuses.
 */
@Extension
public class WebSearchAction implements Action {

    private static final ActionSpec SPEC = ActionSpec.builder("web.search")
            .description("Searches the web through your own SearXNG instance (setting web.search.url) and returns the "
                    + "top results as title, URL and snippet. Nothing is sent anywhere else; without the setting it refuses.")
            .required("query", ParamType.STRING, "what to search for")
            .optional("max_results", ParamType.INTEGER, "most results returned", 5)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionResult invoke(ActionInput input, ActionContext context) {
        context.checkCancelled(SPEC.name());
        String base = context.settings().get("search.url", "").strip();
        if (base.isEmpty()) {
            throw new ActionException("web.search is not configured: set web.search.url to your SearXNG instance "
                    + "(e.g. %config web.search.url=http://localhost:8888) with the json format enabled in its settings.yml");
        }
        String query = input.require("query").strip();
        if (query.isEmpty()) {
            throw new ActionException("web.search: give some words to search for");
        }
        URI uri = searchUri(base, query);
        HttpOptions options = HttpOptions.DEFAULT
                .withTimeout(context.settings().getSeconds("timeout.seconds", Duration.ofSeconds(20)))
                .withMaxBytes(2L * 1024 * 1024)
                .withHeaders(Map.of("Accept", "application/json"));
        HttpResult result = http(context, uri).get(uri, options);
        if (result.status() == 403) {
            throw new ActionException("web.search: SearXNG at " + base + " refused the JSON format (HTTP 403); "
                    + "add json to search.formats in its settings.yml");
        }
        if (result.status() >= 400) {
            throw new ActionException("web.search: SearXNG at " + base + " answered HTTP " + result.status());
        }
        List<Map<String, Object>> hits = parse(base, result.body(), (int) Math.max(1, input.integer("max_results", 5)));
        return render(query, hits);
    }

    /** The configured instance itself may be local; a model still chooses only the words, never the address. */
    private static HttpAccess http(ActionContext context, URI uri) {
        if (context.origin() != Origin.MODEL) {
            return context.http();
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return new PolicyHttpAccess(NetworkPolicy.PUBLIC_ONLY.trusting(
                List.of(uri.getHost().toLowerCase(Locale.ROOT) + ":" + port)), context.cancellation());
    }

    private static URI searchUri(String base, String query) {
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String path = root.endsWith("/search") ? root : root + "/search";
        try {
            URI uri = URI.create(path + "?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&format=json");
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ActionException("web.search.url must be the http(s) address of your SearXNG instance, not '" + base + "'");
        }
    }

    private static List<Map<String, Object>> parse(String base, byte[] body, int max) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.path("results").isArray()) {
            throw new ActionException("web.search: " + base + " did not answer with SearXNG's JSON (no results list); "
                    + "is web.search.url the SearXNG address?");
        }
        List<Map<String, Object>> hits = new ArrayList<>();
        for (JsonNode r : root.get("results")) {
            if (hits.size() >= max) {
                break;
            }
            String url = r.path("url").asText("");
            if (url.isEmpty()) {
                continue;
            }
            Map<String, Object> hit = new LinkedHashMap<>();
            hit.put("title", r.path("title").asText(url).strip());
            hit.put("url", url);
            hit.put("snippet", r.path("content").asText("").strip());
            hits.add(hit);
        }
        return hits;
    }

    private static ActionResult render(String query, List<Map<String, Object>> hits) {
        if (hits.isEmpty()) {
            return ActionResult.of("No results for \"" + query + "\".", hits);
        }
        StringBuilder text = new StringBuilder();
        StringBuilder markdown = new StringBuilder();
        int n = 0;
        for (Map<String, Object> hit : hits) {
            n++;
            text.append(n).append(". ").append(hit.get("title")).append('\n').append("   ").append(hit.get("url")).append('\n');
            markdown.append(n).append(". [").append(escape((String) hit.get("title"))).append("](").append(hit.get("url")).append(")");
            String snippet = (String) hit.get("snippet");
            if (!snippet.isEmpty()) {
                text.append("   ").append(snippet).append('\n');
                markdown.append("  \n   ").append(escape(snippet));
            }
            markdown.append('\n');
        }
        return new ActionResult(text.toString().strip(), MimeBundle.markdown(markdown.toString()), hits);
    }

    /** Text shown literally in Markdown (titles and snippets come from other people's pages). */
    private static String escape(String text) {
        return text.replaceAll("([\\\\`*_\\[\\]<>#])", "\\\\$1").replace("\n", " ");
    }
}
