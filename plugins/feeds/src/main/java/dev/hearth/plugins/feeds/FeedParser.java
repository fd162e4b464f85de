package dev.hearth.plugins.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.hearth.api.ActionException;
import org.jsoup.Jsoup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Feed bytes to a {@link Feed}: RSS 0.9x, 1.0 and 2.0 and Atom through Rome (DOCTYPEs refused, so no
 * external entities), JSON Feed 1.x through Jackson. Summaries become plain text.
 */
final class FeedParser {

    static final int SUMMARY_CHARS = 400;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedParser() {
    }

    /**
     * Parses {@code body} read from {@code source}.
     *
     * @throws ActionException naming the source when it is not a feed
     */
    static Feed parse(String source, byte[] body) {
        int first = firstNonSpace(body);
        if (first < 0) {
            throw new ActionException("feeds.read: " + source + " is empty, not a feed");
        }
        return body[first] == '{' ? jsonFeed(source, body) : xmlFeed(source, body);
    }

    private static Feed xmlFeed(String source, byte[] body) {
        SyndFeed feed;
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), true, "UTF-8")) {
            feed = new SyndFeedInput().build(reader);
        } catch (FeedException | IOException | IllegalArgumentException e) {
            throw new ActionException("feeds.read: " + source + " is not a readable RSS or Atom feed ("
                    + firstLine(e.getMessage()) + "). Check the address: it should be the feed itself, not the web page.");
        }
        List<FeedEntry> entries = new ArrayList<>();
        for (SyndEntry e : feed.getEntries()) {
            String link = e.getLink() != null ? e.getLink() : "";
            String title = plain(e.getTitle());
            String id = firstNonBlank(e.getUri(), link, title);
            Date date = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
            entries.add(new FeedEntry(id, title, link.strip(), date == null ? null : date.toInstant(), summary(e)));
        }
        return new Feed(plain(feed.getTitle()), feed.getFeedType(), entries);
    }

    private static String summary(SyndEntry e) {
        SyndContent description = e.getDescription();
        if (description != null && description.getValue() != null && !description.getValue().isBlank()) {
            return cut(plain(description.getValue()));
        }
        return e.getContents().stream().map(SyndContent::getValue).filter(v -> v != null && !v.isBlank())
                .findFirst().map(v -> cut(plain(v))).orElse("");
    }

    private static Feed jsonFeed(String source, byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new ActionException("feeds.read: " + source + " is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (!root.path("version").asText().startsWith("https://jsonfeed.org/version/") || !root.path("items").isArray()) {
            throw new ActionException("feeds.read: " + source + " is JSON but not a JSON Feed (no jsonfeed.org version or items)");
        }
        List<FeedEntry> entries = new ArrayList<>();
        for (JsonNode item : root.path("items")) {
            String link = item.path("url").asText("");
            String title = plain(item.path("title").asText(""));
            String text = firstNonBlank(item.path("summary").asText(""), item.path("content_text").asText(""),
                    item.path("content_html").asText(""));
            Instant date = date(firstNonBlank(item.path("date_published").asText(""), item.path("date_modified").asText("")));
            entries.add(new FeedEntry(firstNonBlank(item.path("id").asText(""), link, title), title, link, date, cut(plain(text))));
        }
        return new Feed(root.path("title").asText(""), "json_feed", entries);
    }

    private static Instant date(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** HTML (or text with entities) as plain text on one line. */
    static String plain(String html) {
        return html == null ? "" : Jsoup.parse(html).text().strip();
    }

    private static String cut(String text) {
        return text.length() <= SUMMARY_CHARS ? text : text.substring(0, SUMMARY_CHARS).strip() + "…";
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "";
    }

    private static int firstNonSpace(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            // skip whitespace and a UTF-8 byte order mark
            if (!(b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == (byte) 0xEF || b == (byte) 0xBB || b == (byte) 0xBF)) {
                return i;
            }
        }
        return -1;
    }

    private static String firstLine(String message) {
        return message == null ? "no details" : message.lines().findFirst().orElse("").strip();
    }
}
