package dev.hearth.kernel.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ![[Note]]}, {@code ![[Note#Heading]]}, {@code ![[Note#^block]]} (Obsidian) and
 * {@code {{embed [[Page]]}}} (Logseq) to the embedded text, so a note reads as it shows. Embeds
 * nest up to {@value #MAX_DEPTH} levels; a note that embeds itself, directly or round a cycle,
 * gets the title instead; so does an embed of a file outside the ingest or not a note (images).
 * Comments of the embedded note are removed like the note's own.
 */
final class Embeds {

    static final int MAX_DEPTH = 3;
    private static final long MAX_BYTES = 1024 * 1024;
    private static final Pattern EMBED = Pattern.compile("!\\[\\[([^\\]|#]*)(?:#(\\^?)([^\\]|]*))?(?:\\|[^\\]]*)?]]"
            + "|\\{\\{embed \\[\\[([^\\]]+)]]}}");

    private final Vault vault;

    Embeds(Vault vault) {
        this.vault = vault;
    }

    /** {@code text} of the note {@code self} with its embeds resolved. */
    String resolve(String text, Path self) {
        Set<Path> seen = new HashSet<>();
        if (self != null) {
            seen.add(self.toAbsolutePath().normalize());
        }
        return resolve(text, 0, seen);
    }

    private String resolve(String text, int depth, Set<Path> seen) {
        Matcher m = EMBED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean logseq = m.group(4) != null;
            String target = (logseq ? m.group(4) : m.group(1)).strip();
            String anchor = logseq ? null : m.group(3);
            boolean block = !logseq && "^".equals(m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(embedded(target, anchor, block, depth, seen)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String embedded(String target, String anchor, boolean block, int depth, Set<Path> seen) {
        String title = title(target, block ? null : anchor);
        if (depth >= MAX_DEPTH) {
            return title;
        }
        Path file = vault.resolve(target).map(p -> p.toAbsolutePath().normalize()).orElse(null);
        if (file == null || seen.contains(file)) {
            return title;
        }
        String body;
        try {
            if (Files.size(file) > MAX_BYTES) {
                return title;
            }
            body = NoteSyntax.splitFrontMatter(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace("\r\n", "\n"))[1];
        } catch (IOException e) {
            return title;
        }
        body = NoteSyntax.removeComments(body);
        if (anchor != null && !anchor.isBlank()) {
            body = block ? block(body, anchor.strip()) : underHeading(body, anchor.strip());
            if (body == null) {
                return title;
            }
        }
        Set<Path> inner = new HashSet<>(seen);
        inner.add(file);
        // embedded headings are text of the host's section, not sections of their own
        String resolved = resolve(body, depth + 1, inner).replaceAll("(?m)^#{1,6}\\s+", "");
        return resolved.strip();
    }

    private static String title(String target, String heading) {
        String name = target.substring(target.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        name = dot > 0 ? name.substring(0, dot) : name;
        return heading == null || heading.isBlank() ? name : name + " > " + heading.strip();
    }

    /** The text under the heading {@code name} down to the next heading of its level or higher. */
    private static String underHeading(String body, String name) {
        StringBuilder out = null;
        int level = 0;
        for (String line : body.split("\n", -1)) {
            Matcher h = NoteSyntax.HEADING.matcher(line);
            if (h.matches()) {
                if (out != null && h.group(1).length() <= level) {
                    break;
                }
                if (out == null && h.group(2).strip().equalsIgnoreCase(name)) {
                    out = new StringBuilder();
                    level = h.group(1).length();
                    continue;
                }
            }
            if (out != null) {
                out.append(line).append('\n');
            }
        }
        return out == null ? null : out.toString();
    }

    /** The paragraph (or list item) that ends with {@code ^id}. */
    private static String block(String body, String id) {
        String[] paragraphs = body.split("\\n\\s*\\n");
        for (String p : paragraphs) {
            for (String line : p.split("\n")) {
                if (line.stripTrailing().endsWith("^" + id)) {
                    return (line.strip().startsWith("- ") || line.strip().startsWith("* ") ? line : p)
                            .replace("^" + id, "").strip();
                }
            }
        }
        return null;
    }
}
