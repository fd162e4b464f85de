package dev.hearth.api;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A rich value as Jupyter front ends show it: the same content under one or more MIME types
 * ({@code text/plain}, {@code text/html}, {@code text/markdown}, {@code image/png},
 * {@code application/json}, ...), plus per-type metadata.
 *
 * <p>Front ends pick the richest type they can render, so a bundle should always carry a
 * {@code text/plain} fallback; the factories here add one. Binary types such as {@code image/png}
 * are carried base64-encoded, as the Jupyter protocol requires.
 *
 * @param data     MIME type to content: a {@link String} for text types and base64 images, or a
 *                 JSON-serialisable value ({@link Map}, {@link java.util.List}, number, ...) for
 *                 JSON types
 * @param metadata MIME type (or any key) to metadata, e.g. an image's width; may be empty
 */
public record MimeBundle(Map<String, Object> data, Map<String, Object> metadata) {

    /** Plain text. */
    public static final String TEXT = "text/plain";
    /** HTML fragment. */
    public static final String HTML = "text/html";
    /** Markdown text. */
    public static final String MARKDOWN = "text/markdown";
    /** PNG image, base64 in {@link #data()}. */
    public static final String PNG = "image/png";
    /** JPEG image, base64 in {@link #data()}. */
    public static final String JPEG = "image/jpeg";
    /** SVG image, as XML text. */
    public static final String SVG = "image/svg+xml";
    /** JSON value. */
    public static final String JSON = "application/json";
    /** A Vega-Lite 5 chart specification (a JSON value), interactive in JupyterLab and VS Code. */
    public static final String VEGA_LITE = "application/vnd.vegalite.v5+json";

    /**
     * Creates a bundle; both maps are copied and keep their insertion order.
     *
     * @throws IllegalArgumentException when {@code data} is empty
     */
    public MimeBundle {
        Objects.requireNonNull(data, "data");
        if (data.isEmpty()) {
            throw new IllegalArgumentException("a MIME bundle needs at least one MIME type");
        }
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A bundle with only {@code text/plain}. */
    public static MimeBundle text(String text) {
        return new MimeBundle(Map.of(TEXT, String.valueOf(text)), Map.of());
    }

    /** HTML with a plain-text fallback. */
    public static MimeBundle html(String html, String plainFallback) {
        return of(HTML, html, plainFallback);
    }

    /** HTML whose plain-text fallback is the HTML source itself. */
    public static MimeBundle html(String html) {
        return html(html, html);
    }

    /** Markdown, whose plain-text fallback is the Markdown source. */
    public static MimeBundle markdown(String markdown) {
        return of(MARKDOWN, markdown, markdown);
    }

    /** A PNG image from its bytes. */
    public static MimeBundle png(byte[] png) {
        return image(PNG, png, "<PNG image, " + png.length + " bytes>");
    }

    /**
     * A binary image ({@link #PNG}, {@link #JPEG}, ...) from its bytes, base64-encoded.
     *
     * @param plainFallback what consoles show instead, e.g. {@code <PNG image, 640×480>}
     */
    public static MimeBundle image(String mimeType, byte[] image, String plainFallback) {
        return of(mimeType, Base64.getEncoder().encodeToString(image), plainFallback);
    }

    /**
     * A JSON value: a {@link Map}, {@link java.util.List}, {@link String}, number, boolean or
     * {@code null} (nested the same way).
     */
    public static MimeBundle json(Object json, String plainFallback) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(JSON, json);
        data.put(TEXT, plainFallback);
        return new MimeBundle(data, Map.of());
    }

    private static MimeBundle of(String type, String content, String plainFallback) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(type, content);
        data.put(TEXT, plainFallback);
        return new MimeBundle(data, Map.of());
    }

    /** This bundle with one more MIME type (replacing that type if present). */
    public MimeBundle with(String mimeType, Object content) {
        Map<String, Object> copy = new LinkedHashMap<>(data);
        copy.put(mimeType, content);
        return new MimeBundle(copy, metadata);
    }

    /** This bundle with the given metadata entry added. */
    public MimeBundle withMetadata(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(metadata);
        copy.put(key, value);
        return new MimeBundle(data, copy);
    }

    /** The {@code text/plain} content, or {@code null} when the bundle has none. */
    public String plainText() {
        Object text = data.get(TEXT);
        return text == null ? null : text.toString();
    }
}
