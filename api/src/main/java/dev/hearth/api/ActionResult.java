package dev.hearth.api;

import java.util.Objects;

/**
 * What an action returns: text for people and models, optional rich output for the notebook,
 * and optional structured data for code ({@code actions.run(...).data()}).
 *
 * <p>A model sees only {@link #text()}; the notebook shows {@link #display()} when present.
 *
 * @param text    a complete, plain-text answer (what a model is given); never {@code null}
 * @param display rich output (HTML, Markdown, JSON, images), or {@code null} for the text alone
 * @param data    structured data (maps, lists, strings, numbers, records), or {@code null}
 */
public record ActionResult(String text, MimeBundle display, Object data) implements RichDisplay {

    /** Requires the text. */
    public ActionResult {
        Objects.requireNonNull(text, "text");
    }

    /** A result with text only. */
    public static ActionResult text(String text) {
        return new ActionResult(text, null, null);
    }

    /** A result with text and structured data. */
    public static ActionResult of(String text, Object data) {
        return new ActionResult(text, null, data);
    }

    /** This result with rich output. */
    public ActionResult withDisplay(MimeBundle bundle) {
        return new ActionResult(text, bundle, data);
    }

    /** The rich output, or the text when there is none. */
    @Override
    public MimeBundle toMimeBundle() {
        return display != null ? display : MimeBundle.text(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
