package dev.hearth.kernel.memory;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Markdown that Obsidian and Logseq notes share, turned into what a person reads: comments
 * removed (they are private), callouts as their text, block ids dropped, links as their display
 * text; and the metadata they carry (front matter, tags, link targets).
 */
final class NoteSyntax {

    static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    /** {@code #tag}, {@code #a/b}, {@code #[[multi word]]}; not in a word, a URL, a link anchor {@code ](#x)} or {@code [[x#y]]}. */
    private static final Pattern TAG = Pattern.compile(
            "(?<![\\p{L}\\p{N}_/&#\\[(\\]])#(\\[\\[([^\\]]+)]]|[\\p{L}\\p{N}_/-]*[\\p{L}_][\\p{L}\\p{N}_/-]*)");
    /** A CSS colour such as {@code #ff0000} or {@code #0af}: hex digits with at least one digit. */
    private static final Pattern HEX_COLOUR = Pattern.compile("(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{3,8}");
    static final Pattern WIKILINK = Pattern.compile("(?<!!)\\[\\[([^\\]|#^]*)(?:#\\^?([^\\]|]*))?(?:\\|([^\\]]*))?]]");
    private static final Pattern MD_IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern MD_LINK = Pattern.compile("(?<!!)\\[([^\\]]+)]\\((?:[^()\\s]+|[^()]*\\([^)]*\\)[^()]*)\\)");
    private static final Pattern CALLOUT = Pattern.compile("^>\\s*\\[!([\\w-]+)][+-]?\\s*(.*)$");
    private static final Pattern BLOCK_ID = Pattern.compile("(?m)(?:^|[ \\t]+)\\^[A-Za-z0-9-]+[ \\t]*$");
    private static final Pattern QUERY_FENCE = Pattern.compile("(?ms)^\\s*```(?:dataview|dataviewjs|query|tasks)\\b.*?^\\s*```[ \\t]*$");

    private NoteSyntax() {
    }

    /**
     * Removes Obsidian comments ({@code %%...%%}, inline or over lines; an unclosed one runs to the
     * end) and HTML comments. They are never embedded, indexed, shown or sent to a model.
     */
    static String removeComments(String text) {
        String out = text.replaceAll("(?s)%%.*?%%", "").replaceAll("(?s)<!--.*?-->", "");
        int open = out.indexOf("%%");
        if (open >= 0) {
            out = out.substring(0, open);
        }
        open = out.indexOf("<!--");
        return open >= 0 ? out.substring(0, open) : out;
    }

    /** Drops Dataview, Tasks and query blocks: they are code that lists other notes, not content. */
    static String removeQueries(String text) {
        return QUERY_FENCE.matcher(text).replaceAll("");
    }

    /** {@code > [!warning] Title} becomes {@code Warning: Title}, and the callout's {@code > } lines their text. */
    static String callouts(String text) {
        StringBuilder out = new StringBuilder();
        boolean inCallout = false;
        for (String line : text.split("\n", -1)) {
            Matcher c = CALLOUT.matcher(line.strip());
            if (c.matches()) {
                String type = c.group(1).toLowerCase(Locale.ROOT);
                String title = c.group(2).strip();
                out.append(Character.toUpperCase(type.charAt(0))).append(type.substring(1)).append(':')
                        .append(title.isEmpty() ? "" : " " + title).append('\n');
                inCallout = true;
                continue;
            }
            if (inCallout && line.stripLeading().startsWith(">")) {
                out.append(line.stripLeading().replaceFirst("^(>\\s?)+", "")).append('\n');
                continue;
            }
            inCallout = false;
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** Removes block ids ({@code ^abc123} at the end of a line). */
    static String removeBlockIds(String text) {
        return BLOCK_ID.matcher(text).replaceAll("");
    }

    /** Links as the text a reader sees: {@code [[t|shown]]} → shown, {@code [[t#h]]} → t > h, {@code [x](url)} → x. */
    static String linkText(String text) {
        Matcher m = WIKILINK.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String shown = m.group(3) != null && !m.group(3).isBlank() ? m.group(3)
                    : m.group(2) != null && !m.group(2).isBlank() ? (m.group(1).isBlank() ? m.group(2) : m.group(1) + " > " + m.group(2))
                    : m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(shown.strip()));
        }
        m.appendTail(out);
        String t = MD_IMAGE.matcher(out).replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
        return MD_LINK.matcher(t).replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
    }

    /** Adds the {@code #tags} and {@code [[link]]} targets of {@code body} (outside code). */
    static void collectTagsAndLinks(String body, Set<String> tags, Set<String> links) {
        String noCode = body.replaceAll("(?s)```.*?```", " ").replaceAll("`[^`\n]*`", " ");
        Matcher t = TAG.matcher(noCode);
        while (t.find()) {
            String tag = t.group(2) != null ? t.group(2) : t.group(1);
            if (t.group(2) == null && HEX_COLOUR.matcher(tag).matches()) {
                continue;
            }
            tags.add(tag);
        }
        Matcher l = Pattern.compile("!?\\[\\[([^\\]|#^]+)").matcher(noCode);
        while (l.find()) {
            links.add(l.group(1).strip());
        }
    }

    /** Splits {@code ---} YAML front matter from the body: {@code [yaml, body]}, yaml {@code null} when there is none. */
    static String[] splitFrontMatter(String text) {
        if (text.startsWith("---\n")) {
            int end = text.indexOf("\n---", 3);
            if (end > 0) {
                int next = text.indexOf('\n', end + 4);
                return new String[] {text.substring(4, end), next < 0 ? "" : text.substring(next + 1)};
            }
        }
        return new String[] {null, text};
    }

    /**
     * Front matter into metadata: every key kept (lists as comma-separated lists), {@code tags}
     * into {@code tags}, {@code aliases} (a list, or one string as one alias), {@code title}
     * overriding the file name, dates as {@code yyyy-mm-dd}.
     */
    @SuppressWarnings("unchecked")
    static void frontMatter(String yaml, Map<String, Object> meta, Set<String> tags) {
        Object parsed;
        try {
            parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            meta.put("front_matter_error", e.getMessage().lines().findFirst().orElse("bad YAML"));
            return;
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return;
        }
        for (Map.Entry<?, ?> e : ((Map<Object, Object>) map).entrySet()) {
            String key = String.valueOf(e.getKey()).strip().toLowerCase(Locale.ROOT);
            Object value = e.getValue();
            if (value == null || key.isEmpty()) {
                continue;
            }
            switch (key) {
                case "tags", "tag" -> splitWords(value).forEach(t -> tags.add(t.replaceFirst("^#", "")));
                case "aliases", "alias" -> meta.put("aliases", String.join(", ", value instanceof List<?> l
                        ? l.stream().map(v -> String.valueOf(v).strip()).toList() : List.of(String.valueOf(value).strip())));
                case "title" -> meta.put("title", String.valueOf(value).strip());
                default -> {
                    String v = scalarOrList(value);
                    if (!v.isEmpty()) {
                        meta.put(key.equals("created") && !map.containsKey("date") ? "date" : key, v);
                    }
                }
            }
        }
    }

    private static String scalarOrList(Object value) {
        if (value instanceof Date d) {
            return d.toInstant().toString().substring(0, 10);
        }
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().filter(v -> v != null && !(v instanceof Map)).map(NoteSyntax::scalarOrList).toList());
        }
        if (value instanceof Map) {
            return "";
        }
        return linkText(String.valueOf(value)).strip();
    }

    /** Tag lists: a YAML list, or words separated by commas or spaces. */
    static List<String> splitWords(Object value) {
        List<String> out = new ArrayList<>();
        List<?> items = value instanceof List<?> l ? l : List.of(value);
        for (Object item : items) {
            for (String part : String.valueOf(item).split("[,\\s]+")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** Adds the section under {@code path} to {@code sections} when it has text. */
    static void addSection(List<Section> sections, List<String> path, StringBuilder text) {
        String t = text.toString().strip();
        text.setLength(0);
        if (!t.isEmpty()) {
            sections.add(new Section(String.join(" > ", path.stream().filter(p -> !p.isEmpty()).toList()), t));
        }
    }

    /** Moves the heading path to a new heading of {@code level}. */
    static void enter(List<String> path, int level, String heading) {
        while (path.size() >= level) {
            path.remove(path.size() - 1);
        }
        while (path.size() < level - 1) {
            path.add("");
        }
        path.add(heading);
    }
}
