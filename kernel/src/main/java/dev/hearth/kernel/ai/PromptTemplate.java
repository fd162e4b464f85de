package dev.hearth.kernel.ai;

import dev.hearth.kernel.cell.CellHistory;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a prompt's references: {@code {name}} is the value of a JShell variable as text,
 * {@code {In[n]}} / {@code {Out[n]}} the source / result of cell n, {@code {Err}} the last error and
 * {@code {Err[n]}} the error of cell n;
 * {@code {{} and {@code }}} are literal braces. A brace that does not hold a name is left as is
 * (JSON in a prompt keeps working); a name that does not exist is an error naming it.
 */
public final class PromptTemplate {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\{\\{|}}|\\{(In|Out|Err)\\[(\\d+)]}|\\{([A-Za-z_$][A-Za-z0-9_$]*)}");

    private final Function<String, Optional<Object>> variables;
    private final CellHistory history;

    /**
     * @param variables the current value of a JShell variable by name
     * @param history   earlier cells, or {@code null} when there is none
     */
    public PromptTemplate(Function<String, Optional<Object>> variables, CellHistory history) {
        this.variables = variables;
        this.history = history;
    }

    /**
     * The prompt with every reference replaced.
     *
     * @throws IllegalArgumentException naming a reference that does not exist
     */
    public String fill(String prompt) {
        return fillWithImages(prompt).text();
    }

    /**
     * A filled prompt.
     *
     * @param text   the prompt with every reference replaced
     * @param images the images that {@code {name}} references held (a vision model sees them)
     */
    public record Filled(String text, java.util.List<dev.langchain4j.data.message.ImageContent> images) {
    }

    /**
     * The prompt with every reference replaced; a variable holding an image (a {@code BufferedImage},
     * image bytes or a {@code Path} to an image) becomes an attached image and {@code [image n]} in the text.
     *
     * @throws IllegalArgumentException naming a reference that does not exist
     */
    public Filled fillWithImages(String prompt) {
        java.util.List<dev.langchain4j.data.message.ImageContent> images = new java.util.ArrayList<>();
        Matcher m = REFERENCE.matcher(prompt);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group();
            String replacement;
            if (token.equals("{{")) {
                replacement = "{";
            } else if (token.equals("}}")) {
                replacement = "}";
            } else if ("Err".equals(m.group(1))) {
                int n = Integer.parseInt(m.group(2));
                replacement = (history == null ? Optional.<String>empty() : history.error(n))
                        .orElseThrow(() -> new IllegalArgumentException("Unknown reference " + token
                                + " in the prompt: cell " + n + " did not fail in this session"));
            } else if (m.group(1) != null) {
                int n = Integer.parseInt(m.group(2));
                boolean input = m.group(1).equals("In");
                Optional<String> cell = history == null ? Optional.empty()
                        : input ? history.input(n) : history.output(n);
                replacement = cell.orElseThrow(() -> new IllegalArgumentException("Unknown reference " + token
                        + " in the prompt: cell " + n + (input ? " has not run in this session" : " has no result")
                        + " (write {{...}} for literal braces)"));
            } else if (m.group(3).equals("Err")) {
                replacement = (history == null ? Optional.<String>empty() : history.lastError())
                        .orElseThrow(() -> new IllegalArgumentException(
                                "Unknown reference {Err} in the prompt: no cell has failed yet"));
            } else {
                String name = m.group(3);
                Object value = variables.apply(name).orElseThrow(() -> new IllegalArgumentException(
                        "Unknown name {" + name + "} in the prompt: there is no variable " + name
                                + " (declare it in a cell first, or write {{" + name + "}} for literal braces)"));
                Optional<dev.langchain4j.data.message.ImageContent> image = PromptImages.fromValue(value);
                if (image.isPresent()) {
                    images.add(image.get());
                    replacement = "[image " + images.size() + "]";
                } else {
                    replacement = asText(value);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return new Filled(out.toString(), List.copyOf(images));
    }

    /** A value as prompt text. */
    static String asText(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Object[] array) {
            return Arrays.deepToString(array);
        }
        if (value.getClass().isArray()) {
            return Arrays.deepToString(new Object[]{value}).replaceAll("^\\[|]$", "");
        }
        return String.valueOf(value);
    }
}
