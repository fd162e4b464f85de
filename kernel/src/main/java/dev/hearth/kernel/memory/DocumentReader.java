package dev.hearth.kernel.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the formats memory ingests into {@link ParsedDocument}s: Markdown (Obsidian vaults,
 * {@link ObsidianReader}, and Logseq graphs, {@link LogseqReader}), Org pages ({@link OrgReader}),
 * plain text, HTML, Jupyter notebooks and PDF.
 */
public final class DocumentReader {

    /** Extensions read, lower case, without the dot. */
    public static final Set<String> EXTENSIONS = Set.of("md", "markdown", "org", "txt", "text", "html", "htm", "ipynb", "pdf");

    private static final Pattern HEADING = NoteSyntax.HEADING;
    private static final ObjectMapper JSON = dev.hearth.kernel.json.Json.mapper();

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
        try {
            return read(file, Files.readAllBytes(file), Vault.EMPTY);
        } catch (IOException e) {
            throw new SkippedException(FileSet.reason(e));
        }
    }

    /**
     * Reads {@code file} whose content is {@code bytes}; embeds are resolved among the notes of {@code vault}.
     *
     * @throws SkippedException with the reason when it is binary, too large or unsupported
     */
    public ParsedDocument read(Path file, byte[] bytes, Vault vault) throws SkippedException {
        String ext = extension(file);
        if (!EXTENSIONS.contains(ext)) {
            throw new SkippedException("unsupported file type '." + ext + "'");
        }
        if (bytes.length > maxBytes) {
            throw new SkippedException("too large (" + bytes.length / 1024 + " KB; the limit is memory.max.file.kb = "
                    + maxBytes / 1024 + ")");
        }
        if (ext.equals("pdf")) {
            return pdf(bytes);
        }
        String text = decode(bytes);
        return switch (ext) {
            case "md", "markdown" -> LogseqReader.isLogseq(file, text) ? LogseqReader.read(file, text, vault)
                    : ObsidianReader.read(file, text, vault);
            case "org" -> OrgReader.read(file, text);
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

    /** Puts a set as a comma-separated list value, when it is not empty. */
    static void putList(Map<String, Object> meta, String key, Set<String> values) {
        if (!values.isEmpty()) {
            meta.put(key, String.join(", ", values));
        }
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
                NoteSyntax.addSection(sections, path, current);
                int level = e.tagName().charAt(1) - '0';
                while (path.size() >= level) {
                    path.remove(path.size() - 1);
                }
                path.add(e.text());
            } else {
                current.append(e.is("pre") ? e.wholeText() : e.text()).append("\n\n");
            }
        }
        NoteSyntax.addSection(sections, path, current);
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

    static String stripExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
