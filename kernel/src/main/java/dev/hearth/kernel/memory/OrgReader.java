package dev.hearth.kernel.memory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Org-mode page (Logseq can keep pages as {@code .org}): {@code #+title:} and other
 * {@code #+KEY:} lines as metadata, {@code * headings} as sections with their path, property
 * drawers as metadata (not text), {@code [[link][text]]} as its text, journal dates from the name.
 */
final class OrgReader {

    private static final Pattern KEYWORD = Pattern.compile("^#\\+(\\w+):\\s*(.*)$");
    private static final Pattern HEADLINE = Pattern.compile("^(\\*+)\\s+(?:(?:TODO|DONE|LATER|NOW|DOING|WAITING)\\s+)?(.*?)\\s*(:[\\w@:]+:)?\\s*$");
    private static final Pattern DRAWER_PROPERTY = Pattern.compile("^\\s*:(\\w[\\w-]*):\\s*(.*)$");
    private static final Pattern ORG_LINK = Pattern.compile("\\[\\[([^\\]]+)](?:\\[([^\\]]+)])?]");

    private OrgReader() {
    }

    static ParsedDocument read(Path file, String text) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("type", "org");
        String name = DocumentReader.stripExtension(file);
        Matcher j = Pattern.compile("(\\d{4})[_-](\\d{2})[_-](\\d{2})").matcher(name);
        if (j.matches()) {
            meta.put("date", j.group(1) + "-" + j.group(2) + "-" + j.group(3));
        }
        meta.put("title", j.matches() ? meta.get("date") : name.replace("___", "/"));
        Set<String> tags = new LinkedHashSet<>();
        List<Section> sections = new ArrayList<>();
        List<String> path = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean drawer = false;
        for (String line : text.split("\n", -1)) {
            String s = line.strip();
            Matcher k = KEYWORD.matcher(s);
            if (k.matches()) {
                String key = k.group(1).toLowerCase(Locale.ROOT);
                switch (key) {
                    case "title" -> meta.put("title", k.group(2).strip());
                    case "filetags", "tags" -> tags.addAll(List.of(k.group(2).replace(":", " ").strip().split("[\\s,]+")));
                    case "alias" -> meta.put("aliases", k.group(2).strip());
                    default -> meta.put(key, k.group(2).strip());
                }
                continue;
            }
            if (s.equalsIgnoreCase(":PROPERTIES:")) {
                drawer = true;
                continue;
            }
            if (drawer) {
                Matcher p = DRAWER_PROPERTY.matcher(s);
                if (s.equalsIgnoreCase(":END:")) {
                    drawer = false;
                } else if (p.matches() && !p.group(1).equalsIgnoreCase("id")) {
                    meta.putIfAbsent(p.group(1).toLowerCase(Locale.ROOT), p.group(2).strip());
                }
                continue;
            }
            Matcher h = HEADLINE.matcher(line);
            if (h.matches()) {
                NoteSyntax.addSection(sections, path, current);
                NoteSyntax.enter(path, h.group(1).length(), linkText(h.group(2)));
                current.append(linkText(h.group(2))).append('\n'); // a Logseq org block's first line is its text
                if (h.group(3) != null) {
                    tags.addAll(List.of(h.group(3).replaceAll("^:|:$", "").split(":")));
                }
                continue;
            }
            current.append(linkText(line)).append('\n');
        }
        NoteSyntax.addSection(sections, path, current);
        tags.removeIf(String::isBlank);
        DocumentReader.putList(meta, "tags", tags);
        return new ParsedDocument(sections, meta);
    }

    private static String linkText(String line) {
        return ORG_LINK.matcher(line).replaceAll(m -> Matcher.quoteReplacement(m.group(2) != null ? m.group(2) : m.group(1)));
    }
}
