package dev.hearth.kernel.ai;

import dev.hearth.api.MimeBundle;

import java.util.Locale;

/** How an answer is shown in the cell. */
public enum AnswerFormat {
    MARKDOWN, TEXT, CODE, JSON, HTML;

    /** Parses {@code markdown|text|code|json|html}. */
    public static AnswerFormat parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be markdown, text, code, json or html, not '" + name + "'");
        }
    }

    private static final java.util.regex.Pattern CODE_BLOCK =
            java.util.regex.Pattern.compile("```[A-Za-z0-9_+-]*[ \\t]*\\n(.*?)\\n?```", java.util.regex.Pattern.DOTALL);

    /** The contents of every fenced code block in {@code text}, in order. */
    public static java.util.List<String> codeBlocks(String text) {
        java.util.List<String> blocks = new java.util.ArrayList<>();
        java.util.regex.Matcher m = CODE_BLOCK.matcher(text);
        while (m.find()) {
            blocks.add(m.group(1).strip());
        }
        return blocks;
    }

    /** The bundle showing {@code text} (partial while streaming). */
    public MimeBundle render(String text, boolean complete) {
        return switch (this) {
            case MARKDOWN -> MimeBundle.markdown(text);
            case TEXT -> MimeBundle.text(text);
            case CODE -> MimeBundle.markdown("```\n" + stripFence(text) + "\n```").with(MimeBundle.TEXT, text);
            case HTML -> MimeBundle.html(text, text);
            case JSON -> complete ? jsonOrText(text) : MimeBundle.text(text);
        };
    }

    private static MimeBundle jsonOrText(String text) {
        try {
            Object value = new com.fasterxml.jackson.databind.ObjectMapper().readValue(stripFence(text), Object.class);
            return MimeBundle.json(value, text);
        } catch (java.io.IOException e) {
            return MimeBundle.text(text);
        }
    }

    /** The text inside a Markdown code fence, if the whole text is one. */
    static String stripFence(String text) {
        String t = text.strip();
        if (t.startsWith("```") && t.endsWith("```") && t.length() >= 6) {
            int firstLine = t.indexOf('\n');
            if (firstLine > 0) {
                return t.substring(firstLine + 1, t.length() - 3).strip();
            }
        }
        return text;
    }
}
