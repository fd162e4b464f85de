package dev.hearth.plugins.web;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionResult;
import dev.hearth.api.MimeBundle;
import dev.hearth.api.Origin;
import dev.hearth.api.testing.ActionContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code web.search} against a loopback fake that speaks SearXNG's JSON API. */
class WebSearchActionTest {

    private final SearxngFake searx = new SearxngFake();
    private final Action search = new WebSearchAction();

    @AfterEach
    void stop() {
        searx.close();
    }

    private ActionResult run(Origin origin, Map<String, String> settings, Map<String, Object> input) throws Exception {
        return search.invoke(search.spec().validate(input), WebFixtures.context(origin, settings));
    }

    private ActionResult run(Map<String, Object> input) throws Exception {
        return run(Origin.USER, Map.of("search.url", searx.url("")), input);
    }

    @Test
    void resultsAreTitleUrlAndSnippet() throws Exception {
        ActionResult result = run(Map.of("query", "when to plant tulips & daffodils", "max_results", 3));
        assertEquals(List.of("q=when+to+plant+tulips+%26+daffodils&format=json"), searx.queries);
        assertEquals("""
                1. Planting tulip bulbs
                   https://tulips.example/planting
                   Plant the bulbs in autumn, 15 cm deep.
                2. Tulips [care guide]
                   https://garden.example/tulips
                   Water once after planting; *no* more.
                3. Tulip - Wiki
                   https://wiki.example/Tulip""", result.text());
        assertEquals(Map.of("title", "Planting tulip bulbs", "url", "https://tulips.example/planting",
                "snippet", "Plant the bulbs in autumn, 15 cm deep."), ((List<?>) result.data()).get(0));
        String markdown = (String) result.toMimeBundle().data().get(MimeBundle.MARKDOWN);
        assertTrue(markdown.contains("2. [Tulips \\[care guide\\]](https://garden.example/tulips)"), markdown);
        assertTrue(markdown.contains("Water once after planting; \\*no\\* more."), markdown);
    }

    @Test
    void theDefaultIsFiveResultsAndASearchPathInTheSettingIsKept() throws Exception {
        ActionResult result = run(Origin.USER, Map.of("search.url", searx.url("/search/")), Map.of("query", "tulips"));
        assertEquals(5, ((List<?>) result.data()).size());
        assertEquals(List.of("q=tulips&format=json"), searx.queries);
        assertEquals("No results for \"nothing at all\".", run(Map.of("query", "nothing at all")).text());
    }

    @Test
    void aModelMayUseTheConfiguredLocalInstance() throws Exception {
        ActionResult result = run(Origin.MODEL, Map.of("search.url", searx.url("")), Map.of("query", "tulips"));
        assertTrue(result.text().startsWith("1. Planting tulip bulbs"), result.text());
    }

    @Test
    void withoutTheSettingItRefusesAndSendsNothing() {
        ActionException e = assertThrows(ActionException.class, () -> run(Origin.USER, Map.of(), Map.of("query", "tulips")));
        assertTrue(e.getMessage().startsWith("web.search is not configured: set web.search.url to your SearXNG instance"), e.getMessage());
        assertEquals(List.of(), searx.queries);
    }

    @Test
    void aWrongOrLockedInstanceIsAClearError() {
        ActionException forbidden = assertThrows(ActionException.class,
                () -> run(Origin.USER, Map.of("search.url", searx.url("/forbidden")), Map.of("query", "x")));
        assertTrue(forbidden.getMessage().contains("refused the JSON format (HTTP 403); add json to search.formats"), forbidden.getMessage());
        ActionException notSearx = assertThrows(ActionException.class,
                () -> run(Origin.USER, Map.of("search.url", searx.url("/html")), Map.of("query", "x")));
        assertTrue(notSearx.getMessage().contains("did not answer with SearXNG's JSON"), notSearx.getMessage());
        ActionException badUrl = assertThrows(ActionException.class,
                () -> run(Origin.USER, Map.of("search.url", "searx.local"), Map.of("query", "x")));
        assertTrue(badUrl.getMessage().startsWith("web.search.url must be the http(s) address"), badUrl.getMessage());
    }

    @Nested
    class Contract extends ActionContract {
        protected Action action() {
            return new WebSearchAction();
        }

        protected Map<String, Object> sampleInput() {
            return Map.of("query", "tulips");
        }

        @Override
        protected ActionContext context() {
            return WebFixtures.context(Origin.USER, Map.of("search.url", searx.url("")));
        }
    }
}
