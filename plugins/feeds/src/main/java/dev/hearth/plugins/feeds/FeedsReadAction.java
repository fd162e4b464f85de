package dev.hearth.plugins.feeds;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionInput;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.MimeBundle;
import dev.hearth.api.ParamType;
import org.pf4j.Extension;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.stream.Collectors;

/** {@code feeds.read}: the entries of an RSS, Atom or JSON feed, optionally only the ones not reported before. */
@Extension
public class FeedsReadAction implements Action {

    private static final ActionSpec SPEC = ActionSpec.builder("feeds.read")
            .description("Reads a news feed (RSS 0.9x/1.0/2.0, Atom or JSON Feed) and returns its entries, newest first, "
                    + "each with title, link, date and a short plain-text summary. With new_only it returns only entries "
                    + "it has not returned before (it remembers them per feed), so a daily run reports only news. "
                    + "Settings: feeds.state.dir, feeds.max.bytes, feeds.timeout.seconds.")
            .required("url", ParamType.STRING, "the feed's http(s) URL, or a file: URL or path of a local feed file")
            .optional("since", ParamType.STRING, "only entries from this date (2026-11-23), date-time or period back (24h, 7d)", null)
            .optional("limit", ParamType.INTEGER, "most entries returned", 20)
            .optional("new_only", ParamType.BOOLEAN, "only entries not returned by an earlier new_only read, and remember these", false)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionResult invoke(ActionInput input, ActionContext context) {
        context.checkCancelled(SPEC.name());
        String url = input.require("url").strip();
        long limit = input.integer("limit", 20);
        if (limit < 1) {
            throw new ActionException("feeds.read: limit must be 1 or more, not " + limit);
        }
        boolean newOnly = input.bool("new_only", false);
        Instant since = input.string("since").filter(s -> !s.isBlank())
                .map(s -> Since.parse(s, Instant.now(), ZoneId.systemDefault())).orElse(null);
        Path stateDir = stateDir(context);
        FeedState state = FeedState.load(stateDir, url);
        FeedSource.Fetched fetched = FeedSource.read(url, state, stateDir, context);
        context.checkCancelled(SPEC.name());
        Feed feed = FeedParser.parse(url, fetched.body());
        Set<String> seen = new HashSet<>(fetched.state().seen());
        List<FeedEntry> entries = feed.entries().stream()
                .filter(e -> since == null || e.date() == null || !e.date().isBefore(since))
                .filter(e -> !newOnly || !seen.contains(e.id()))
                .sorted(Comparator.comparing(FeedEntry::date, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(limit)
                .toList();
        FeedState next = newOnly ? fetched.state().withSeen(entries.stream().map(FeedEntry::id).toList()) : fetched.state();
        if (!next.equals(state) || !fetched.notModified()) {
            try {
                next.save(stateDir);
            } catch (IOException e) {
                throw new ActionException("feeds.read: cannot keep the feed's state in " + stateDir + ": " + e.getMessage());
            }
        }
        return result(url, feed, entries, newOnly, fetched.notModified());
    }

    private static ActionResult result(String url, Feed feed, List<FeedEntry> entries, boolean newOnly, boolean notModified) {
        String title = feed.title().isBlank() ? url : feed.title();
        StringBuilder text = new StringBuilder("# ").append(title).append('\n')
                .append(entries.size()).append(newOnly ? " new" : "").append(entries.size() == 1 ? " entry" : " entries")
                .append(notModified ? " (the feed has not changed since the last read)" : "").append("\n\n");
        for (FeedEntry e : entries) {
            text.append("- ").append(e.link().isEmpty() ? e.title() : "[" + e.title() + "](" + e.link() + ")");
            if (e.date() != null) {
                text.append(" — ").append(e.date().toString(), 0, 10);
            }
            text.append('\n');
            if (!e.summary().isEmpty()) {
                text.append("  ").append(e.summary()).append('\n');
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("url", url);
        data.put("title", title);
        data.put("format", feed.format());
        data.put("not_modified", notModified);
        data.put("new_only", newOnly);
        data.put("entries", entries.stream().map(FeedEntry::toData).collect(Collectors.toList()));
        return new ActionResult(text.toString(), MimeBundle.markdown(text.toString()), data);
    }

    /** {@code feeds.state.dir}, else {@code HEARTH_HOME/feeds}, else {@code ~/.hearth/feeds}. */
    static Path stateDir(ActionContext context) {
        return context.settings().getPath("state.dir").orElseGet(() -> {
            String home = System.getenv("HEARTH_HOME");
            Path hearthHome = home != null && !home.isBlank() ? Path.of(home)
                    : Path.of(System.getProperty("user.home"), ".hearth");
            return hearthHome.resolve("feeds");
        });
    }
}
