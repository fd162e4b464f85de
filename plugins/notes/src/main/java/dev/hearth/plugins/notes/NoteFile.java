package dev.hearth.plugins.notes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The text of a note Hearth writes: YAML front matter with its provenance (title, date, model,
 * notebook, sources as {@code [[wikilinks]]}) and a checksum of the whole note, then the answer and
 * a {@code Sources:} line of wikilinks (which Obsidian and Hearth's memory read as links). The
 * checksum tells a note nobody touched since Hearth wrote it from one the user edited.
 */
final class NoteFile {

    static final String CHECKSUM_KEY = "hearth_checksum";
    private static final Pattern CHECKSUM = Pattern.compile("(?m)^" + CHECKSUM_KEY + ": ([0-9a-f]{64})\\n");

    private NoteFile() {
    }

    /** The note's text. */
    static String render(Note note) {
        StringBuilder text = new StringBuilder("---\n")
                .append("title: ").append(quoted(note.title())).append('\n')
                .append("date: ").append(note.date()).append('\n')
                .append("generator: hearth\n");
        if (!note.model().isBlank()) {
            text.append("model: ").append(quoted(note.model())).append('\n');
        }
        if (!note.notebook().isBlank()) {
            text.append("notebook: ").append(quoted(note.notebook())).append('\n');
        }
        if (!note.sources().isEmpty()) {
            text.append("sources: [").append(note.sources().stream().map(s -> quoted(wikilink(s)))
                    .collect(Collectors.joining(", "))).append("]\n");
        }
        text.append("---\n\n").append(note.content().strip()).append('\n');
        if (!note.sources().isEmpty()) {
            text.append("\nSources: ").append(note.sources().stream().map(NoteFile::wikilink)
                    .collect(Collectors.joining(" · "))).append('\n');
        }
        String body = text.toString();
        int end = body.indexOf("\n---\n");
        return body.substring(0, end + 1) + CHECKSUM_KEY + ": " + sha256(body) + "\n" + body.substring(end + 1);
    }

    /** Whether {@code text} is a note Hearth wrote that nobody changed since. */
    static boolean untouched(String text) {
        Matcher m = CHECKSUM.matcher(text);
        if (!m.find()) {
            return false;
        }
        String without = text.substring(0, m.start()) + text.substring(m.end());
        return m.group(1).equals(sha256(without));
    }

    /** {@code [[name]]} for a note name or file name ({@code .md} and folders dropped). */
    static String wikilink(String source) {
        String name = source.strip().replace('\\', '/');
        if (name.startsWith("[[") && name.endsWith("]]")) {
            return name;
        }
        name = name.substring(name.lastIndexOf('/') + 1).replaceFirst("(?i)\\.md$", "");
        return "[[" + name + "]]";
    }

    /** A YAML double-quoted scalar. */
    static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a note says and where it came from.
     *
     * @param title    its title (also its file name)
     * @param content  the answer, Markdown
     * @param date     the day it was written, {@code YYYY-MM-DD}
     * @param model    the model that wrote it, or empty
     * @param notebook the notebook it came from, or empty
     * @param sources  the notes the answer drew on (names or paths)
     */
    record Note(String title, String content, String date, String model, String notebook, List<String> sources) {
        Note {
            sources = List.copyOf(sources);
        }
    }
}
