package dev.hearth.plugins.feeds;

import com.sun.net.httpserver.HttpExchange;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSettings;
import dev.hearth.api.Origin;
import dev.hearth.api.testing.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code feeds.read} on saved real-world feed shapes, a loopback server speaking HTTP, and two runs in a row. */
class FeedsReadTest {

    @TempDir
    Path dir;

    private final FeedsReadAction action = new FeedsReadAction();

    private ActionContext context(Origin origin, String... settings) {
        Map<String, String> values = new HashMap<>(Map.of("state.dir", dir.resolve("state").toString()));
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return ActionContext.builder().origin(origin).settings(ActionSettings.of(values)).build();
    }

    private ActionResult read(Map<String, Object> input) {
        return action.invoke(action.spec().validate(input), context(Origin.USER));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(ActionResult result) {
        return (List<Map<String, Object>>) ((Map<String, Object>) result.data()).get("entries");
    }

    private static List<Object> titles(ActionResult result) {
        return entries(result).stream().map(e -> e.get("title")).toList();
    }

    @Test
    void rss2WithNamespacesGivesTitleLinkDateAndPlainSummary() {
        ActionResult result = read(Map.of("url", FeedFixtures.path("rss2-namespaces.xml").toString()));
        assertEquals(List.of("Bridge repairs close the east bank path until Friday", "Allotment waiting list opens again",
                "Library extends Saturday hours"), titles(result));
        Map<String, Object> first = entries(result).get(0);
        assertEquals("https://news.example.org/2026/11/23/bridge-repairs/", first.get("link"));
        assertEquals("2026-11-23T06:00:00Z", first.get("date"));
        String summary = first.get("summary").toString();
        assertTrue(summary.startsWith("The council will close the east bank footpath"), summary);
        assertFalse(summary.contains("<p>"), "HTML is gone: " + summary);
        assertEquals("Twelve plots at Hollow Field become free in spring & the list opens on Monday.",
                entries(result).get(1).get("summary"), "entities decoded");
        assertTrue(result.text().startsWith("# Riverside Gazette – Local news\n3 entries"), result.text());
        assertTrue(result.text().contains("- [Allotment waiting list opens again](https://news.example.org/2026/11/22/allotments/) — 2026-11-22"),
                result.text());
    }

    @Test
    void atomEntriesAreReadAndSortedNewestFirst() {
        ActionResult result = read(Map.of("url", FeedFixtures.path("atom.xml").toUri().toString()));
        assertEquals(List.of("Mulch the roses before the frost", "Plant garlic now"), titles(result));
        assertEquals("https://garden.example.net/2026/garlic", entries(result).get(1).get("link"));
        assertEquals("2026-11-18T07:00:00Z", entries(result).get(1).get("date"), "updated, when there is no published date");
        assertEquals("A 5 cm layer of bark keeps the roots warm.", entries(result).get(0).get("summary"));
        assertEquals("atom_1.0", ((Map<?, ?>) result.data()).get("format"));
    }

    @Test
    void jsonFeedIsReadWithJackson() {
        ActionResult result = read(Map.of("url", FeedFixtures.path("jsonfeed.json").toString()));
        assertEquals(List.of("Budget meeting moved to Thursday", "Green bins collected every second week in winter"), titles(result));
        assertEquals("The budget meeting is now on Thursday at 18:00 in the town hall.", entries(result).get(0).get("summary"));
        assertEquals("https://council.example.com/notes/bins", entries(result).get(1).get("link"));
        assertEquals("json_feed", ((Map<?, ?>) result.data()).get("format"));
    }

    @Test
    void rss091InLatin1IsRead() {
        ActionResult result = read(Map.of("url", FeedFixtures.path("rss091.xml").toString()));
        assertTrue(result.text().startsWith("# Café board"), result.text());
        assertNull(entries(result).get(0).get("date"));
    }

    @Test
    void aMalformedFeedIsAClearError() {
        ActionException e = assertThrows(ActionException.class,
                () -> read(Map.of("url", FeedFixtures.path("malformed.xml").toString())));
        assertTrue(e.getMessage().startsWith("feeds.read: ") && e.getMessage().contains("is not a readable RSS or Atom feed"),
                e.getMessage());
        ActionException missing = assertThrows(ActionException.class, () -> read(Map.of("url", "no/such/feed.xml")));
        assertTrue(missing.getMessage().contains("no feed file at"), missing.getMessage());
        Path json = dir.resolve("not-a-feed.json");
        ActionException notFeed = assertThrows(ActionException.class, () -> {
            Files.writeString(json, "{\"hello\": 1}");
            read(Map.of("url", json.toString()));
        });
        assertTrue(notFeed.getMessage().contains("not a JSON Feed"), notFeed.getMessage());
    }

    @Test
    void aHugeFeedGivesAtMostLimitEntriesAndAFeedOverTheCapIsRefused() throws IOException {
        Path huge = dir.resolve("huge.xml");
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title>");
        for (int i = 0; i < 20_000; i++) {
            xml.append("<item><title>Item ").append(i).append("</title><link>https://huge.example/").append(i)
                    .append("</link><pubDate>Mon, 23 Nov 2026 06:00:00 +0000</pubDate><description>Text of item ")
                    .append(i).append("</description></item>");
        }
        Files.writeString(huge, xml.append("</channel></rss>"));
        ActionResult result = read(Map.of("url", huge.toString(), "limit", 5));
        assertEquals(5, entries(result).size());
        ActionException tooBig = assertThrows(ActionException.class, () -> action.invoke(
                action.spec().validate(Map.of("url", huge.toString())), context(Origin.USER, "max.bytes", "100000")));
        assertTrue(tooBig.getMessage().contains("larger than 100000 bytes (feeds.max.bytes)"), tooBig.getMessage());
    }

    @Test
    void sinceKeepsOnlyNewerEntries() {
        ActionResult result = read(Map.of("url", FeedFixtures.path("rss2-namespaces.xml").toString(), "since", "2026-11-21"));
        assertEquals(2, entries(result).size());
        ActionException bad = assertThrows(ActionException.class,
                () -> read(Map.of("url", FeedFixtures.path("rss2-namespaces.xml").toString(), "since", "yesterday")));
        assertTrue(bad.getMessage().contains("since='yesterday'"), bad.getMessage());
    }

    @Test
    void newOnlyReportsEachEntryOnceAcrossRuns() throws IOException {
        Path feed = dir.resolve("feed.xml");
        Files.copy(FeedFixtures.path("rss2-namespaces.xml"), feed);
        Map<String, Object> input = Map.of("url", feed.toString(), "new_only", true);
        assertEquals(3, entries(read(input)).size());
        ActionResult second = read(input);
        assertEquals(List.of(), entries(second), "nothing new on the second run");
        assertTrue(second.text().contains("0 new entries"), second.text());
        String added = "<item><title>Ferry timetable changes</title><link>https://news.example.org/ferry</link>"
                + "<guid>ferry-1</guid><pubDate>Tue, 24 Nov 2026 06:00:00 +0000</pubDate></item>\n    <item>";
        Files.writeString(feed, Files.readString(feed).replaceFirst("<item>", added));
        assertEquals(List.of("Ferry timetable changes"), titles(read(input)), "only the entry added since");
        assertEquals(4, entries(read(Map.of("url", feed.toString()))).size(), "a read without new_only shows everything");
    }

    @Test
    void conditionalGetSendsTheValidatorsAndReusesTheKeptFeedOn304() throws IOException {
        byte[] body = Files.readAllBytes(FeedFixtures.path("atom.xml"));
        List<String> sentEtags = new CopyOnWriteArrayList<>();
        List<String> sentDates = new CopyOnWriteArrayList<>();
        try (LoopbackServer server = LoopbackServer.start()) {
            server.handle("/atom.xml", exchange -> {
                String etag = exchange.getRequestHeaders().getFirst("If-None-Match");
                sentEtags.add(String.valueOf(etag));
                sentDates.add(String.valueOf(exchange.getRequestHeaders().getFirst("If-Modified-Since")));
                exchange.getResponseHeaders().add("ETag", "\"v1\"");
                exchange.getResponseHeaders().add("Last-Modified", "Sun, 22 Nov 2026 18:30:00 GMT");
                if ("\"v1\"".equals(etag)) {
                    send(exchange, 304, new byte[0]);
                } else {
                    exchange.getResponseHeaders().add("Content-Type", "application/atom+xml");
                    send(exchange, 200, body);
                }
            });
            Map<String, Object> input = Map.of("url", server.uri("/atom.xml").toString(), "new_only", true);
            ActionResult first = read(input);
            assertEquals(2, entries(first).size());
            assertEquals(false, ((Map<?, ?>) first.data()).get("not_modified"));
            ActionResult second = read(input);
            assertEquals(List.of("null", "\"v1\""), sentEtags, "the second request carried the ETag");
            assertEquals("Sun, 22 Nov 2026 18:30:00 GMT", sentDates.get(1));
            assertEquals(true, ((Map<?, ?>) second.data()).get("not_modified"));
            assertEquals(List.of(), entries(second), "304 and already seen: nothing new");
            ActionResult all = read(Map.of("url", server.uri("/atom.xml").toString()));
            assertEquals(2, entries(all).size(), "a 304 answer is read from the kept copy");
        }
    }

    @Test
    void aModelsReadFollowsTheNetworkPolicyAndMayNotReadLocalFiles() {
        try (LoopbackServer server = LoopbackServer.start()) {
            server.page("/feed.xml", "application/rss+xml", "<rss version=\"2.0\"><channel><title>x</title></channel></rss>");
            ActionException local = assertThrows(ActionException.class, () -> action.invoke(
                    action.spec().validate(Map.of("url", server.uri("/feed.xml").toString())), context(Origin.MODEL)));
            assertTrue(server.requests().isEmpty(), "the refused call never reached the server: " + local.getMessage());
        }
        ActionException file = assertThrows(ActionException.class, () -> action.invoke(
                action.spec().validate(Map.of("url", FeedFixtures.path("atom.xml").toUri().toString())), context(Origin.MODEL)));
        assertTrue(file.getMessage().contains("a model may read only http(s) feeds"), file.getMessage());
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
