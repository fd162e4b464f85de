package dev.hearth.plugins.feeds;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a feed.
 *
 * @param id      what identifies it across reads: the guid or Atom/JSON id, else the link, else the title
 * @param title   its title (may be empty)
 * @param link    the page it points to (may be empty)
 * @param date    when it was published (else updated), or {@code null} when the feed does not say
 * @param summary its summary or content as plain text, cut to a few hundred characters
 */
record FeedEntry(String id, String title, String link, Instant date, String summary) {

    /** The entry as the action's data (date as ISO-8601 text or null). */
    Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("link", link);
        data.put("date", date == null ? null : date.toString());
        data.put("summary", summary);
        data.put("id", id);
        return data;
    }
}
