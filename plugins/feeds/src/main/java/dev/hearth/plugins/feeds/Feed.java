package dev.hearth.plugins.feeds;

import java.util.List;

/**
 * A parsed feed.
 *
 * @param title   the feed's title
 * @param format  what it was: {@code rss_2.0}, {@code atom_1.0}, {@code json_feed}, ... (Rome's names for XML feeds)
 * @param entries its entries in the feed's order
 */
record Feed(String title, String format, List<FeedEntry> entries) {
}
