package dev.hearth.plugins.web;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionResult;
import dev.hearth.api.MimeBundle;
import dev.hearth.api.Origin;
import dev.hearth.api.testing.LoopbackServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebActionsTest {

    private final LoopbackServer server = WebFixtures.start();
    private final ActionContext user = WebFixtures.context(Origin.USER, Map.of());

    @AfterEach
    void stop() {
        server.close();
    }

    private ActionResult run(Action action, ActionContext ctx, Map<String, Object> input) throws Exception {
        return action.invoke(action.spec().validate(input), ctx);
    }

    private ActionResult fetch(String path) throws Exception {
        return run(new WebFetchAction(), user, Map.of("url", server.uri(path).toString()));
    }

    @Test
    void anArticleBecomesTitleReadableMarkdownAndLinks() throws Exception {
        ActionResult result = fetch("/article");
        String text = result.text();
        assertTrue(text.startsWith("# Growing Tulips\n" + server.uri("/article") + "\n\n# Growing Tulips\n\n"), text);
        assertTrue(text.contains("Plant the bulbs in **October**, about 15 cm deep. See the [soil guide]("
                + server.uri("/guides/soil#drainage") + ")."), text);
        assertTrue(text.contains("## Watering\n\n- Water once after planting.\n\n- Then let the rain do it."), text);
        assertTrue(text.contains("```\ndepth = 3 * bulb_height\n```"), text);
        assertTrue(text.contains("> Patience is a gardener's best tool."), text);
        for (String boilerplate : List.of("About us", "cookies", "Privacy", "Related", "tracking", "Garden Weekly")) {
            assertFalse(text.contains(boilerplate), boilerplate + " should be gone:\n" + text);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) result.data();
        assertEquals("Growing Tulips", data.get("title"));
        assertEquals(List.of(Map.of("text", "soil guide", "url", server.uri("/guides/soil").toString()),
                Map.of("text", "the tulip society", "url", "https://tulips.example/more")), data.get("links"));
        assertTrue(((String) data.get("text")).contains("Plant the bulbs in October, about 15 cm deep."));
        assertEquals(text, result.toMimeBundle().data().get(MimeBundle.MARKDOWN));
    }

    @Test
    void redirectsAreFollowedAndTheFinalUrlReported() throws Exception {
        assertTrue(fetch("/moved").text().startsWith("# Growing Tulips\n" + server.uri("/article")));
        fetch("/hop1");
        assertTrue(server.requests().containsAll(List.of("/hop1", "/hop2", "/article")), server.requests().toString());
    }

    @Test
    void textJsonAndCharsetsAreHandled() throws Exception {
        assertTrue(fetch("/notes.txt").text().endsWith("Line one.\nLine two: café\n"));
        assertTrue(fetch("/data.json").text().contains("```json\n{\"tulips\": 12, \"roses\": 3}\n```"));
        ActionResult latin1 = fetch("/latin1");
        assertTrue(latin1.text().startsWith("# Café"), latin1.text());
        assertTrue(latin1.text().contains("Crème brûlée"), latin1.text());
        ActionResult bad = fetch("/badcharset");
        assertTrue(bad.text().contains("Naïve €5"), "an unknown charset falls back to the page's meta: " + bad.text());
    }

    @Test
    void errorsSayWhatHappened() {
        ActionException missing = assertThrows(ActionException.class, () -> fetch("/missing"));
        assertEquals("web.fetch: " + server.uri("/missing") + " answered HTTP 404 (not found)", missing.getMessage());
        assertTrue(assertThrows(ActionException.class, () -> fetch("/broken")).getMessage().contains("HTTP 500 (server error)"));
        assertTrue(assertThrows(ActionException.class, () -> fetch("/image.png")).getMessage().endsWith("is image/png, not a page (HTML, text or JSON)"));
        ActionException notUrl = assertThrows(ActionException.class,
                () -> run(new WebFetchAction(), user, Map.of("url", "tulips")));
        assertTrue(notUrl.getMessage().contains("parameter 'url' must be a full http(s) URL"), notUrl.getMessage());
    }

    @Test
    void bigPagesAreCutAndSlowOnesTimeOut() throws Exception {
        ActionContext capped = WebFixtures.context(Origin.USER, Map.of("max.bytes", "50000"));
        ActionResult big = run(new WebFetchAction(), capped, Map.of("url", server.uri("/big").toString(), "max_chars", 500));
        assertTrue(big.text().contains("… (cut at 500 characters)"), big.text());
        assertTrue(big.text().contains("only its beginning was read"), big.text());

        ActionContext impatient = WebFixtures.context(Origin.USER, Map.of("timeout.seconds", "0.5"));
        long start = System.nanoTime();
        ActionException slow = assertThrows(ActionException.class,
                () -> run(new WebFetchAction(), impatient, Map.of("url", server.uri("/slow").toString())));
        assertTrue(slow.getMessage().startsWith("timed out after 0.5 s"), slow.getMessage());
        assertTrue(System.nanoTime() - start < 3_000_000_000L);
    }

    @Test
    void aModelCannotFetchLocalAddresses() {
        ActionContext model = WebFixtures.context(Origin.MODEL, Map.of());
        for (String url : List.of(server.uri("/article").toString(), "http://localhost:" + server.port() + "/article",
                "http://[::1]:" + server.port() + "/article", "http://169.254.169.254/latest/meta-data/")) {
            ActionException e = assertThrows(ActionException.class, () -> run(new WebFetchAction(), model, Map.of("url", url)));
            assertTrue(e.getMessage().contains("which a model may not reach"), e.getMessage());
        }
        assertEquals(List.of(), server.requests());
    }

    @Test
    void linksCanBeFiltered() throws Exception {
        ActionResult links = run(new WebLinksAction(), user, Map.of("url", server.uri("/article").toString(), "filter", "society"));
        assertEquals("the tulip society: https://tulips.example/more\n", links.text());
    }
}
