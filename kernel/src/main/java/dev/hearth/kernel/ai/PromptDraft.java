package dev.hearth.kernel.ai;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.ArrayList;
import java.util.List;

/** The messages being assembled for one call: a system text, earlier turns and the user's text. */
public final class PromptDraft {

    private final StringBuilder system = new StringBuilder();
    private final List<ChatMessage> history = new ArrayList<>();
    private final StringBuilder context = new StringBuilder();
    private final StringBuilder footer = new StringBuilder();
    private final List<String> sources = new ArrayList<>();
    private final List<dev.langchain4j.data.message.ImageContent> images = new ArrayList<>();
    private String user;

    PromptDraft(String system, List<ChatMessage> history, String user) {
        if (system != null && !system.isBlank()) {
            this.system.append(system.strip());
        }
        this.history.addAll(history);
        this.user = user;
    }

    /** Appends a line to the system prompt (e.g. a tool list). */
    public PromptDraft appendSystem(String line) {
        if (system.length() > 0) {
            system.append('\n');
        }
        system.append(line);
        return this;
    }

    /** Adds context placed before the user's text (e.g. retrieved notes). */
    public PromptDraft addContext(String text) {
        context.append(text.strip()).append('\n');
        return this;
    }

    /** Adds Markdown shown under the answer (e.g. the list of sources the prompt cited). */
    public PromptDraft addFooter(String markdown) {
        footer.append(markdown.strip()).append('\n');
        return this;
    }

    /** What is shown under the answer; empty when nothing was added. */
    public String footer() {
        return footer.toString();
    }

    /** Records a note put into the prompt (path and heading), kept with a chat turn. */
    public void addSource(String source) {
        sources.add(source);
    }

    /** The notes put into the prompt, in order. */
    public List<String> sources() {
        return List.copyOf(sources);
    }

    /** Sends {@code image} with the user's message (for vision models). */
    public void addImage(dev.langchain4j.data.message.ImageContent image) {
        images.add(image);
    }

    /** The user's text so far. */
    public String user() {
        return user;
    }

    /** Replaces the user's text. */
    public PromptDraft user(String text) {
        this.user = text;
        return this;
    }

    /** The messages to send. */
    public List<ChatMessage> messages() {
        List<ChatMessage> messages = new ArrayList<>();
        if (system.length() > 0) {
            messages.add(SystemMessage.from(system.toString()));
        }
        messages.addAll(history);
        String text = context.length() > 0 ? context + "\n" + user : user;
        if (images.isEmpty()) {
            messages.add(UserMessage.from(text));
        } else {
            List<dev.langchain4j.data.message.Content> contents = new ArrayList<>();
            contents.add(dev.langchain4j.data.message.TextContent.from(text));
            contents.addAll(images);
            messages.add(UserMessage.from(contents));
        }
        return messages;
    }
}
