package dev.hearth.kernel.memory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * A Markdown note as Obsidian writes it: front matter as metadata, comments removed before
 * anything else sees the text, embeds resolved, callouts, block ids and links as a reader sees
 * them, one section per heading (with its heading path).
 */
final class ObsidianReader {

    private ObsidianReader() {
    }

    static ParsedDocument read(Path file, String text, Vault vault) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("type", "markdown");
        meta.put("title", DocumentReader.stripExtension(file));
        Set<String> tags = new LinkedHashSet<>();
        String[] split = NoteSyntax.splitFrontMatter(text);
        if (split[0] != null) {
            NoteSyntax.frontMatter(NoteSyntax.removeComments(split[0]), meta, tags);
        }
        String body = NoteSyntax.removeQueries(NoteSyntax.removeComments(split[1]));
        Set<String> links = new LinkedHashSet<>();
        NoteSyntax.collectTagsAndLinks(body, tags, links);
        body = new Embeds(vault).resolve(body, file);
        body = NoteSyntax.linkText(NoteSyntax.removeBlockIds(NoteSyntax.callouts(body)));
        List<Section> sections = new ArrayList<>();
        List<String> path = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean fenced = false;
        for (String line : body.split("\n", -1)) {
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                fenced = !fenced;
            }
            Matcher h = fenced ? null : NoteSyntax.HEADING.matcher(line);
            if (h != null && h.matches()) {
                NoteSyntax.addSection(sections, path, current);
                NoteSyntax.enter(path, h.group(1).length(), h.group(2));
                continue;
            }
            current.append(line).append('\n');
        }
        NoteSyntax.addSection(sections, path, current);
        DocumentReader.putList(meta, "tags", tags);
        DocumentReader.putList(meta, "links", links);
        return new ParsedDocument(sections, meta);
    }
}
