package dev.hearth.kernel.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the formats memory ingests into {@link ParsedDocument}s: Markdown (Obsidian vaults and
 * Logseq graphs), plain text, HTML, Jupyter notebooks and PDF.
 */
public final class DocumentReader {

    /** Extensions read, lower case, without the dot. */
    public static final Set<String> EXTENSIONS = Set.of("md", "markdown", "txt", "text", "html", "htm", "ipynb", "pdf");

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern TAG = Pattern.compile("(?<![\\p{L}\\p{N}_/&#\\[])#(\\[\\[([^\\]]+)]]|[\\p{L}\\p{N}_/-]*[\\p{L}_][\\p{L}\\p{N}_/-]*)");
    private static final Pattern WIKILINK = Pattern.compile("!?\\[\\[([^\\]|#^]+)(?:[#^][^\\]|]*)?(?:\\|[^\\]]*)?]]");
    private static final Pattern PROPERTY = Pattern.compile("^\\s*(?:- )?([A-Za-z][\\w-]*):: ?(.*)$");
    private static final Pattern JOURNAL = Pattern.compile("(\\d{4})[_-](\\d{2})[_-](\\d{2})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long maxBytes;

    /** A reader that refuses files larger than {@code maxBytes}. */
    public DocumentReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Thrown for a file that is not ingested; the message is the reason shown in the summary. */
    public static final class SkippedException extends Exception {
        private static final long serialVersionUID = 1L;

        public SkippedException(String reason) {
            super(reason);
        }
    }

    /** Whether {@code file} has an extension this reader handles. */
    public static boolean supports(Path file) {
        return EXTENSIONS.contains(extension(file));
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code file}.
     *
     * @throws SkippedException with the reason when it is unreadable, binary, too large or unsupported
     */
    public ParsedDocument read(Path file) throws SkippedException {
        String ext = extension(file);
        if (!EXTENSIONS.contains(ext)) {
            throw new SkippedException("unsupported file type '." + ext + "'");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new SkippedException("too large (" + size / 1024 + " KB; the limit is memory.max.file.kb = "
                        + maxBytes / 1024 + ")");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SkippedException("unreadable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        if (ext.equals("pdf")) {
            return pdf(bytes);
        }
        String text = decode(bytes);
        return switch (ext) {
            case "md", "markdown" -> isLogseq(file, text) ? logseq(file, text) : markdown(file, text);
            case "html", "htm" -> html(text);
            case "ipynb" -> notebook(text);
            default -> plain(text);
        };
    }

    private static String decode(byte[] bytes) throws SkippedException {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                throw new SkippedException("binary content (NUL bytes) in a text file");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString().replace("\r\n", "\n");
        } catch (CharacterCodingException e) {
            throw new SkippedException("not UTF-8 text");
        }
    }

    private static boolean isLogseq(Path file, String text) {
        Path parent = file.getParent();
        if (parent == null || !(parent.endsWith("pages") || parent.endsWith("journals"))) {
            return false;
        }
        Path graph = parent.getParent();
        return (graph != null && Files.isDirectory(graph.resolve("logseq"))) || text.stripLeading().startsWith("- ");
    }

    // ---- Markdown (Obsidian) ----

    private ParsedDocument markdown(Path file, String text) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("type", "markdown");
        meta.put("title", stripExtension(file));
        Set<String> tags = new LinkedHashSet<>();
        String body = text;
        if (text.startsWith("---\n")) {
            int end = text.indexOf("\n---", 4);
            if (end > 0) {
                frontMatter(text.substring(4, end), meta, tags);
                int next = text.indexOf('\n', end + 4);
                body = next < 0 ? "" : text.substring(next + 1);
            }
        }
        List<Section> sections = new ArrayList<>();
        List<String> path = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean fenced = false;
        for (String line : body.split("\n", -1)) {
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                fenced = !fenced;
            }
            Matcher h = fenced ? null : HEADING.matcher(line);
            if (h != null && h.matches()) {
                addSection(sections, path, current);
                int level = h.group(1).length();
                while (path.size() >= level) {
                    path.remove(path.size() - 1);
                }
                while (path.size() < level - 1) {
                    path.add("");
                }
                path.add(h.group(2));
                continue;
            }
            current.append(line).append('\n');
        }
        addSection(sections, path, current);
        collectTagsAndLinks(body, tags, meta);
        putTags(meta, tags);
        return new ParsedDocument(sections, meta);
    }

    private static void addSection(List<Section> sections, List<String> path, StringBuilder text) {
        String t = text.toString().strip();
        text.setLength(0);
        String heading = String.join(" > ", path.stream().filter(p -> !p.isEmpty()).toList());
        if (!t.isEmpty()) {
            sections.add(new Section(heading, t));
        } else if (!heading.isEmpty() && !sections.isEmpty()) {
            return;
        }
    }

    @SuppressWarnings("unchecked")
    private static void frontMatter(String yaml, Map<String, Object> meta, Set<String> tags) {
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
            String key = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
            Object value = e.getValue();
            if (value == null) {
                continue;
            }
            switch (key) {
                case "tags", "tag" -> listOf(value).forEach(t -> tags.add(t.replaceFirst("^#", "")));
                case "aliases", "alias" -> meta.put("aliases", String.join(", ", listOf(value)));
                case "date", "created" -> meta.put("date", date(value));
                case "title" -> meta.put("title", String.valueOf(value));
                default -> {
                    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                        meta.put(key, String.valueOf(value));
                    }
                }
            }
        }
    }

    private static String date(Object value) {
        if (value instanceof Date d) {
            return d.toInstant().toString().substring(0, 10);
        }
        return String.valueOf(value);
    }

    private static List<String> listOf(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v).strip()));
        } else {
            for (String part : String.valueOf(value).split("[,\\s]+")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static void collectTagsAndLinks(String body, Set<String> tags, Map<String, Object> meta) {
        String noCode = body.replaceAll("(?s)```.*?```", " ").replaceAll("`[^`\n]*`", " ");
        Matcher t = TAG.matcher(noCode);
        while (t.find()) {
            tags.add(t.group(2) != null ? t.group(2) : t.group(1));
        }
        Set<String> links = new LinkedHashSet<>();
        Matcher l = WIKILINK.matcher(noCode);
        while (l.find()) {
            links.add(l.group(1).strip());
        }
        if (!links.isEmpty()) {
            meta.put("links", String.join(", ", links));
        }
    }

    private static void putTags(Map<String, Object> meta, Set<String> tags) {
        if (!tags.isEmpty()) {
            meta.put("tags", String.join(", ", tags));
        }
    }

    // ---- Logseq ----

    private ParsedDocument logseq(Path file, String text) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("type", "logseq");
        String name = stripExtension(file);
        boolean journal = file.getParent().endsWith("journals");
        Matcher j = JOURNAL.matcher(name);
        if (journal && j.matches()) {
            meta.put("date", j.group(1) + "-" + j.group(2) + "-" + j.group(3));
            meta.put("title", j.group(1) + "-" + j.group(2) + "-" + j.group(3));
        } else {
            meta.put("title", name.replace("___", "/").replace("%2F", "/"));
        }
        Set<String> tags = new LinkedHashSet<>();
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        // page properties: the leading key:: value lines (in the first block or before any block)
        int i = 0;
        while (i < lines.size() && (lines.get(i).isBlank() || PROPERTY.matcher(lines.get(i)).matches())) {
            Matcher p = PROPERTY.matcher(lines.get(i));
            if (p.matches()) {
                pageProperty(p.group(1).toLowerCase(Locale.ROOT), p.group(2).strip(), meta, tags);
            }
            i++;
        }
        String title = String.valueOf(meta.get("title"));
        List<Section> sections = new ArrayList<>();
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
                    listOf(p.group(2).replace("[[", "").replace("]]", "")).forEach(tags::add);
                }
                blockProps.put(key, p.group(2).strip());
                continue;
            }
            String content = line.replaceFirst("^\\s*- ?", "");
            int depth = line.length() - line.stripLeading().length();
            Matcher h = HEADING.matcher(content);
            if (topLevel && h.matches()) {
                blockHeading = title + " > " + h.group(2);
                continue;
            }
            block.append("  ".repeat(Math.min(depth, 8) / 2 > 0 ? 1 : 0)).append(content).append('\n');
        }
        addBlock(sections, blockHeading, block, blockProps);
        collectTagsAndLinks(text, tags, meta);
        putTags(meta, tags);
        return new ParsedDocument(sections, meta);
    }

    private static void pageProperty(String key, String value, Map<String, Object> meta, Set<String> tags) {
        switch (key) {
            case "tags" -> listOf(value.replace("[[", "").replace("]]", "")).forEach(tags::add);
            case "alias" -> meta.put("aliases", value);
            case "title" -> meta.put("title", value);
            default -> meta.put(key, value);
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

    // ---- other formats ----

    private static ParsedDocument plain(String text) {
        return new ParsedDocument(List.of(new Section("", text)), Map.of("type", "text"));
    }

    private static ParsedDocument html(String html) {
        org.jsoup.nodes.Document doc = Jsoup.parse(html);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("type", "html");
        if (!doc.title().isBlank()) {
            meta.put("title", doc.title());
        }
        List<Section> sections = new ArrayList<>();
        List<String> path = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String blocks = "h1,h2,h3,h4,h5,h6,p,li,pre,blockquote,dt,dd,td,th,figcaption";
        for (Element e : doc.body().select(blocks)) {
            if (e.parents().stream().anyMatch(p -> p.is(blocks))) {
                continue;
            }
            if (e.tagName().matches("h[1-6]")) {
                addSection(sections, path, current);
                int level = e.tagName().charAt(1) - '0';
                while (path.size() >= level) {
                    path.remove(path.size() - 1);
                }
                path.add(e.text());
            } else {
                current.append(e.is("pre") ? e.wholeText() : e.text()).append("\n\n");
            }
        }
        addSection(sections, path, current);
        if (sections.isEmpty() && !doc.body().text().isBlank()) {
            sections.add(new Section("", doc.body().text()));
        }
        return new ParsedDocument(sections, meta);
    }

    private ParsedDocument notebook(String json) throws SkippedException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new SkippedException("not a valid notebook (bad JSON: " + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        String language = root.path("metadata").path("kernelspec").path("language").asText(
                root.path("metadata").path("language_info").path("name").asText(""));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("type", "notebook");
        if (!language.isEmpty()) {
            meta.put("language", language);
        }
        List<Section> sections = new ArrayList<>();
        List<String> path = new ArrayList<>();
        int index = 0;
        for (JsonNode cell : root.path("cells")) {
            String source = cellSource(cell.path("source"));
            String type = cell.path("cell_type").asText();
            Map<String, Object> cellMeta = Map.of("cell", index++, "cell_type", type);
            if (type.equals("markdown")) {
                StringBuilder current = new StringBuilder();
                for (String line : source.split("\n")) {
                    Matcher h = HEADING.matcher(line);
                    if (h.matches()) {
                        flushCell(sections, path, current, cellMeta);
                        int level = h.group(1).length();
                        while (path.size() >= level) {
                            path.remove(path.size() - 1);
                        }
                        path.add(h.group(2));
                    } else {
                        current.append(line).append('\n');
                    }
                }
                flushCell(sections, path, current, cellMeta);
            } else if (type.equals("code") && !source.isBlank()) {
                sections.add(new Section(String.join(" > ", path), source, cellMeta));
            }
        }
        return new ParsedDocument(sections, meta);
    }

    private static void flushCell(List<Section> sections, List<String> path, StringBuilder text, Map<String, Object> meta) {
        if (!text.toString().isBlank()) {
            sections.add(new Section(String.join(" > ", path), text.toString().strip(), meta));
        }
        text.setLength(0);
    }

    private static String cellSource(JsonNode source) {
        if (source.isArray()) {
            StringBuilder out = new StringBuilder();
            source.forEach(s -> out.append(s.asText()));
            return out.toString();
        }
        return source.asText("");
    }

    private static ParsedDocument pdf(byte[] bytes) throws SkippedException {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("type", "pdf");
            String title = pdf.getDocumentInformation() == null ? null : pdf.getDocumentInformation().getTitle();
            if (title != null && !title.isBlank()) {
                meta.put("title", title);
            }
            PDFTextStripper stripper = new PDFTextStripper();
            List<Section> sections = new ArrayList<>();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(pdf).strip();
                if (!text.isEmpty()) {
                    sections.add(new Section("page " + page, text, Map.of("page", page)));
                }
            }
            if (sections.isEmpty()) {
                throw new SkippedException("the PDF has no text layer (scanned?)");
            }
            return new ParsedDocument(sections, meta);
        } catch (IOException e) {
            throw new SkippedException("not a readable PDF (" + e.getMessage() + ")");
        }
    }

    private static String stripExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
