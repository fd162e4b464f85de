package dev.hearth.plugins.web;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.Locale;

/** Renders cleaned HTML as Markdown (headings, paragraphs, lists, links, code, quotes) or plain text. */
final class Markdown {

    private Markdown() {
    }

    static String render(Element root) {
        StringBuilder out = new StringBuilder();
        children(root, out, true);
        return tidy(out.toString());
    }

    static String plain(Element root) {
        StringBuilder out = new StringBuilder();
        children(root, out, false);
        return tidy(out.toString());
    }

    private static String tidy(String text) {
        return text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip() + "\n";
    }

    private static void children(Element element, StringBuilder out, boolean md) {
        for (Node child : element.childNodes()) {
            node(child, out, md);
        }
    }

    private static void node(Node node, StringBuilder out, boolean md) {
        if (node instanceof TextNode text) {
            String s = text.text();
            if (!s.isBlank() || (out.length() > 0 && out.charAt(out.length() - 1) != ' ' && out.charAt(out.length() - 1) != '\n')) {
                out.append(s.isBlank() ? " " : s);
            }
            return;
        }
        if (!(node instanceof Element e)) {
            return;
        }
        String tag = e.normalName().toLowerCase(Locale.ROOT);
        switch (tag) {
            case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                out.append("\n\n");
                if (md) {
                    out.append("#".repeat(tag.charAt(1) - '0')).append(' ');
                }
                out.append(e.text().strip()).append("\n\n");
            }
            case "p", "div", "section", "article", "main", "table", "dl" -> {
                out.append("\n\n");
                children(e, out, md);
                out.append("\n\n");
            }
            case "br" -> out.append('\n');
            case "li" -> {
                out.append('\n').append(md ? "- " : "• ");
                children(e, out, md);
                out.append('\n');
            }
            case "tr" -> {
                out.append('\n');
                children(e, out, md);
            }
            case "td", "th" -> {
                children(e, out, md);
                out.append(" ");
            }
            case "pre" -> out.append(md ? "\n\n```\n" + e.wholeText().strip() + "\n```\n\n" : "\n\n" + e.wholeText().strip() + "\n\n");
            case "code" -> out.append(md ? "`" + e.text() + "`" : e.text());
            case "strong", "b" -> out.append(md ? "**" + e.text().strip() + "**" : e.text());
            case "em", "i" -> out.append(md ? "*" + e.text().strip() + "*" : e.text());
            case "blockquote" -> {
                String inner = plain(e).strip();
                out.append("\n\n").append(md ? "> " + inner.replace("\n", "\n> ") : inner).append("\n\n");
            }
            case "a" -> {
                String href = e.absUrl("href");
                String text = e.text().strip();
                if (md && !href.isEmpty() && !text.isEmpty()) {
                    out.append('[').append(text.replace("]", "\\]")).append("](").append(href.replace(")", "%29")).append(')');
                } else {
                    out.append(text);
                }
            }
            case "img" -> {
                if (md && !e.attr("alt").isBlank()) {
                    out.append("![").append(e.attr("alt")).append("](").append(e.absUrl("src")).append(')');
                }
            }
            default -> children(e, out, md);
        }
    }
}
