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
 * A Logseq page or journal: YAML front matter and page properties ({@code key:: value}) as
 * metadata and as a searchable first section (so a page of properties alone is found), block
 * properties as {@code prop.KEY} metadata removed from the block's text, one section per
 * top-level block, journal dates from the file name, embeds and links as their text.
 */
final class LogseqReader {

    static final Pattern PROPERTY = Pattern.compile("^\\s*(?:- )?([A-Za-z][\\w-]*):: ?(.*)$");
    private static final Pattern JOURNAL = Pattern.compile("(\\d{4})[_-](\\d{2})[_-](\\d{2})");
    private static final Pattern BLOCK_REF = Pattern.compile("\\(\\([0-9a-f-]{36}\\)\\)");
    /** Properties Logseq writes for itself, not the user's words. */
    private static final Set<String> INTERNAL = Set.of("id", "collapsed", "filters", "public", "icon", "heading",
            "background-color", "exclude-from-graph-view");

    private LogseqReader() {
    }

    static boolean isLogseq(Path file, String text) {
        Path parent = file.getParent();
        if (parent == null || !(parent.endsWith("pages") || parent.endsWith("journals"))) {
            return false;
        }
        Path graph = parent.getParent();
        return (graph != null && java.nio.file.Files.isDirectory(graph.resolve("logseq"))) || text.stripLeading().startsWith("- ");
    }

    static ParsedDocument read(Path file, String text, Vault vault) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("type", "logseq");
        titleAndDate(file, meta);
        Set<String> tags = new LinkedHashSet<>();
        String[] split = NoteSyntax.splitFrontMatter(text);
        if (split[0] != null) {
            NoteSyntax.frontMatter(split[0], meta, tags);
        }
        Set<String> links = new LinkedHashSet<>();
        NoteSyntax.collectTagsAndLinks(split[1], tags, links);
        String body = BLOCK_REF.matcher(new Embeds(vault).resolve(split[1], file)).replaceAll("");
        List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
        Map<String, String> pageProps = new LinkedHashMap<>();
        int i = 0;
        while (i < lines.size() && (lines.get(i).isBlank() || PROPERTY.matcher(lines.get(i)).matches())) {
            Matcher p = PROPERTY.matcher(lines.get(i));
            if (p.matches()) {
                pageProperty(p.group(1).toLowerCase(Locale.ROOT), p.group(2).strip(), meta, tags, pageProps);
            }
            i++;
        }
        String title = String.valueOf(meta.get("title"));
        List<Section> sections = new ArrayList<>();
        if (!pageProps.isEmpty()) {
            StringBuilder props = new StringBuilder();
            pageProps.forEach((k, v) -> props.append(k).append(": ").append(NoteSyntax.linkText(v)).append('\n'));
            meta.put("properties", props.toString().strip().replace('\n', ';'));
            sections.add(new Section(title, props.toString().strip()));
        }
        StringBuilder block = new StringBuilder();
        Map<String, Object> blockProps = new LinkedHashMap<>();
        String blockHeading = title;
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean topLevel = line.startsWith("- ") || line.equals("-");
            if (topLevel && block.length() > 0) {
                addBlock(sections, blockHeading, block, blockProps);
                blockHeading = title;
            }
            Matcher p = PROPERTY.matcher(line);
            if (p.matches()) {
                String key = p.group(1).toLowerCase(Locale.ROOT);
                if (key.equals("tags")) {
                    tags.addAll(NoteSyntax.splitWords(p.group(2).replace("[[", "").replace("]]", "")));
                }
                blockProps.put(key, p.group(2).strip());
                continue;
            }
            String content = line.replaceFirst("^\\s*- ?", "");
            int depth = line.length() - line.stripLeading().length();
            Matcher h = NoteSyntax.HEADING.matcher(content);
            if (topLevel && h.matches()) {
                blockHeading = title + " > " + NoteSyntax.linkText(h.group(2));
                continue;
            }
            block.append(depth > 0 ? "  " : "").append(NoteSyntax.linkText(content)).append('\n');
        }
        addBlock(sections, blockHeading, block, blockProps);
        DocumentReader.putList(meta, "tags", tags);
        DocumentReader.putList(meta, "links", links);
        return new ParsedDocument(sections, meta);
    }

    private static void titleAndDate(Path file, Map<String, Object> meta) {
        String name = DocumentReader.stripExtension(file);
        Matcher j = JOURNAL.matcher(name);
        if (file.getParent() != null && file.getParent().endsWith("journals") && j.matches()) {
            String date = j.group(1) + "-" + j.group(2) + "-" + j.group(3);
            meta.put("date", date);
            meta.put("title", date);
        } else {
            meta.put("title", name.replace("___", "/").replace("%2F", "/"));
        }
    }

    private static void pageProperty(String key, String value, Map<String, Object> meta, Set<String> tags,
                                     Map<String, String> shown) {
        switch (key) {
            case "tags" -> tags.addAll(NoteSyntax.splitWords(value.replace("[[", "").replace("]]", "").replace("#", "")));
            case "alias" -> meta.put("aliases", value.replace("[[", "").replace("]]", ""));
            case "title" -> meta.put("title", value);
            default -> {
                if (!INTERNAL.contains(key)) {
                    meta.put(key, NoteSyntax.linkText(value));
                }
            }
        }
        if (!INTERNAL.contains(key)) {
            shown.put(key, value);
        }
    }

    private static void addBlock(List<Section> sections, String heading, StringBuilder block, Map<String, Object> props) {
        String t = block.toString().strip();
        if (!t.isEmpty()) {
            Map<String, Object> m = new LinkedHashMap<>();
            props.forEach((k, v) -> m.put("prop." + k, v));
            sections.add(new Section(heading, t, m));
        }
        block.setLength(0);
        props.clear();
    }
}
