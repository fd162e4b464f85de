package dev.hearth.kernel.eval;

import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw Javadoc comment (as JShell returns it) made readable: inline tags resolved
 * ({@code {@code x}} → x, {@code {@link A#b}} → A.b), HTML turned into text, and the block tags
 * ({@code @param}, {@code @return}, {@code @throws}) laid out as lists. Gives plain text and HTML.
 */
final class JavadocText {

    /** The comment as plain text and as an HTML fragment. */
    record Rendered(String text, String html) {
    }

    private static final Pattern INLINE = Pattern.compile("\\{@(\\w+)\\s*((?:[^{}]|\\{[^{}]*})*)}");
    private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^\\s*@(\\w+)\\b");
    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("param", "Parameters");
        SECTIONS.put("return", "Returns");
        SECTIONS.put("throws", "Throws");
        SECTIONS.put("exception", "Throws");
        SECTIONS.put("see", "See also");
        SECTIONS.put("since", "Since");
    }

    private JavadocText() {
    }

    /** Renders {@code javadoc} (the comment text without its {@code /**} and leading stars). */
    static Rendered render(String javadoc) {
        Matcher first = BLOCK_TAG.matcher(javadoc);
        int split = first.find() ? first.start() : javadoc.length();
        String description = javadoc.substring(0, split);
        Map<String, List<String>> sections = new LinkedHashMap<>();
        Matcher tag = BLOCK_TAG.matcher(javadoc);
        List<int[]> starts = new ArrayList<>();
        while (tag.find()) {
            starts.add(new int[]{tag.start(), tag.end()});
        }
        for (int i = 0; i < starts.size(); i++) {
            String name = javadoc.substring(starts.get(i)[0], starts.get(i)[1]).strip().substring(1);
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : javadoc.length();
            String body = javadoc.substring(starts.get(i)[1], end).strip().replaceAll("\\s+", " ");
            String title = SECTIONS.get(name);
            if (title != null) {
                sections.computeIfAbsent(title, t -> new ArrayList<>()).add(sectionEntry(name, body));
            }
        }
        StringBuilder text = new StringBuilder(htmlToText(inlineTags(description, false)));
        StringBuilder html = new StringBuilder("<div>").append(inlineTags(description, true)).append("</div>");
        for (Map.Entry<String, List<String>> section : sections.entrySet()) {
            text.append("\n\n").append(section.getKey()).append(':');
            html.append("<p><b>").append(section.getKey()).append(":</b></p><ul>");
            for (String entry : section.getValue()) {
                text.append("\n  - ").append(htmlToText(inlineTags(entry, false)));
                html.append("<li>").append(inlineTags(entry, true)).append("</li>");
            }
            html.append("</ul>");
        }
        return new Rendered(text.toString().strip(), html.toString());
    }

    /** "a an argument" → "a – an argument" for names; other tags as written. */
    private static String sectionEntry(String tag, String body) {
        if (tag.equals("param") || tag.equals("throws") || tag.equals("exception")) {
            String[] parts = body.split(" ", 2);
            return "{@code " + parts[0] + "}" + (parts.length > 1 ? " – " + parts[1] : "");
        }
        return body;
    }

    private static String inlineTags(String source, boolean html) {
        Matcher m = INLINE.matcher(source);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String body = m.group(2).strip();
            String replacement = switch (name) {
                // escaped in text too: the HTML-to-text step decodes it, so "<b>" in {@code} survives as text
                case "code", "literal" -> html ? "<code>" + Entities.escape(body) + "</code>" : Entities.escape(body);
                case "link", "linkplain" -> {
                    String[] parts = body.split("\\s+", 2);
                    String label = parts.length > 1 ? parts[1] : reference(parts[0]);
                    yield html && name.equals("link") ? "<code>" + Entities.escape(label) + "</code>" : label;
                }
                case "inheritDoc" -> "";
                default -> body;
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code java.util.List#of(E...)} → {@code List.of(E...)}; {@code #max} → {@code max}. */
    private static String reference(String target) {
        String[] parts = target.split("#", 2);
        String type = parts[0].substring(parts[0].lastIndexOf('.') + 1);
        if (parts.length == 1) {
            return type;
        }
        return type.isEmpty() ? parts[1] : type + "." + parts[1];
    }

    /** HTML to readable text: paragraphs and list items on their own lines, tags dropped, entities decoded. */
    private static String htmlToText(String html) {
        String text = html.replaceAll("(?i)<\\s*(p|/p|br|/?ul|/?ol|/?pre|/?blockquote|/?h\\d)\\b[^>]*>", "\n\n")
                .replaceAll("(?i)<\\s*li\\b[^>]*>", "\n  - ")
                .replaceAll("<[^>]+>", "");
        text = Parser.unescapeEntities(text, false);
        StringBuilder out = new StringBuilder();
        boolean previousWasItem = false;
        for (String paragraph : text.split("\\n\\s*\\n")) {
            String joined = paragraph.lines().map(String::strip).filter(l -> !l.isEmpty())
                    .reduce((a, b) -> b.startsWith("- ") ? a + "\n  " + b : a + " " + b).orElse("");
            if (joined.isEmpty()) {
                continue;
            }
            boolean item = joined.startsWith("- ");
            out.append(out.length() == 0 ? "" : item && previousWasItem ? "\n" : "\n\n").append(item ? "  " + joined : joined);
            previousWasItem = item;
        }
        return out.toString();
    }
}
