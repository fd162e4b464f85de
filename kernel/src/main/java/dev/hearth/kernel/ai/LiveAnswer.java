package dev.hearth.kernel.ai;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.DisplayHandle;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.output.TokenUsage;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer as it streams into the cell: shown at the first token, updated at most every 50 ms,
 * final at the end. A reasoning model's thinking is kept apart from the answer (shown collapsed,
 * or hidden, and recorded in the display's metadata); the server's token counts go under the
 * answer and into the metadata.
 */
final class LiveAnswer {

    private final CellContext ctx;
    private final AnswerFormat format;
    private final Map<String, Object> metadata;
    private final String footer;
    private final boolean showThinking;
    private final boolean showUsage;
    private final ThinkingSplitter splitter = new ThinkingSplitter();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private TokenUsage tokens;
    private DisplayHandle display;
    private long firstToken = -1;
    private long lastToken = -1;
    private long lastUpdate;
    private boolean closed;

    LiveAnswer(CellContext ctx, AnswerFormat format, Map<String, Object> metadata, String footer,
               boolean showThinking, boolean showUsage) {
        this.ctx = ctx;
        this.format = format;
        this.metadata = new LinkedHashMap<>(metadata);
        this.footer = footer;
        this.showThinking = showThinking;
        this.showUsage = showUsage;
    }

    /** Answer tokens, which may carry inline {@code <think>} blocks. */
    synchronized void append(String token) {
        if (closed || token == null || token.isEmpty()) {
            return;
        }
        ThinkingSplitter.Parts parts = splitter.feed(token);
        thinking.append(parts.thinking());
        text.append(parts.answer());
        arrived();
    }

    /** Thinking tokens from a thinking channel (Ollama's {@code message.thinking}). */
    synchronized void appendThinking(String token) {
        if (closed || token == null || token.isEmpty()) {
            return;
        }
        thinking.append(token);
        arrived();
    }

    /** Adds the server's counts of one round (tool calls make several). */
    synchronized void addUsage(TokenUsage usage) {
        if (usage != null) {
            tokens = tokens == null ? usage : tokens.add(usage);
        }
    }

    private void arrived() {
        long now = System.nanoTime();
        if (firstToken < 0) {
            firstToken = now;
        }
        lastToken = now;
        if (ctx == null || text.length() == 0 && (thinking.length() == 0 || !showThinking)) {
            return;
        }
        if (display == null) {
            display = ctx.display(bundle(false, null));
            lastUpdate = now;
        } else if (now - lastUpdate >= AiService.UPDATE_INTERVAL_NANOS) {
            ctx.update(display, bundle(false, null));
            lastUpdate = now;
        }
    }

    private MimeBundle bundle(boolean complete, Usage usage) {
        MimeBundle bundle = format.render(text.toString(), complete);
        Map<String, Object> meta = new LinkedHashMap<>(metadata);
        if (thinking.length() > 0) {
            meta.put("thinking", thinking.toString().strip());
            if (showThinking) {
                bundle = withThinking(bundle, thinking.toString().strip(), !complete && text.length() == 0);
            }
        }
        if (usage != null) {
            meta.put("usage", usage.asMap());
            if (showUsage && bundle.data().get(MimeBundle.MARKDOWN) instanceof String markdown) {
                bundle = bundle.with(MimeBundle.MARKDOWN, markdown + "\n\n<sub>" + usage.line() + "</sub>");
            }
        }
        return bundle.withMetadata(AiService.METADATA_KEY, meta);
    }

    /** The thinking above the answer, collapsed (open while the model is still only thinking). */
    private static MimeBundle withThinking(MimeBundle bundle, String thought, boolean open) {
        String details = "<details" + (open ? " open" : "") + "><summary>Thinking</summary>\n\n<pre>"
                + escape(thought) + "</pre>\n\n</details>\n\n";
        if (bundle.data().get(MimeBundle.MARKDOWN) instanceof String markdown) {
            return bundle.with(MimeBundle.MARKDOWN, details + markdown);
        }
        if (bundle.data().get(MimeBundle.HTML) instanceof String html) {
            return bundle.with(MimeBundle.HTML, details + html);
        }
        return bundle;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    synchronized void close() {
        closed = true;
    }

    synchronized AiAnswer finish(ModelRef ref, ModelSettings settings, List<ChatMessage> messages, List<String> sources,
                                 boolean interrupted, long callStart) {
        ThinkingSplitter.Parts rest = splitter.finish();
        text.append(rest.answer());
        thinking.append(rest.thinking());
        closed = true;
        Usage usage = Usage.of(tokens, firstToken < 0 ? null : Duration.ofNanos(lastToken - firstToken));
        if (ctx != null) {
            if (display == null) {
                if (!interrupted) {
                    ctx.display(bundle(true, usage));
                }
            } else {
                ctx.update(display, bundle(true, usage));
            }
            if (!footer.isBlank() && !interrupted) {
                ctx.display(MimeBundle.markdown(footer));
            }
        }
        long end = System.nanoTime();
        return new AiAnswer(text.toString(), ref, settings, List.copyOf(messages), interrupted,
                firstToken < 0 ? null : Duration.ofNanos(firstToken - callStart), Duration.ofNanos(end - callStart),
                thinking.toString().strip(), usage, sources);
    }
}
