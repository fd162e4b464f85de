package dev.hearth.kernel.ai;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.model.chat.request.json.JsonSchema;

import java.util.List;
import java.util.Set;

/**
 * One question to a model, before prompt assembly.
 *
 * @param model    model id or alias; {@code null} for the session default
 * @param system   system prompt, or {@code null}
 * @param history  earlier turns of a chat (oldest first), may be empty
 * @param prompt   the user's text
 * @param settings per-call settings (unset ones come from the defaults)
 * @param format   how the answer is shown: markdown, text, code, json or html
 * @param schema   a JSON schema the answer must follow, or {@code null}
 * @param memory   {@code --memory}: notes to put into the prompt, or {@code null}
 * @param tools    {@code --tools}: actions the model may call, or {@code null}
 * @param images   images for a vision model ({@code --image}, {@code {img}}), may be empty
 * @param thinking whether a reasoning model's thinking is shown ({@code --thinking show|hide});
 *                 {@code null} for the {@code ai.thinking} setting
 */
public record AiRequest(String model, String system, List<ChatMessage> history, String prompt,
                        ModelSettings settings, AnswerFormat format, JsonSchema schema, MemoryQuery memory,
                        ToolUse tools, List<ImageContent> images, Boolean thinking) {

    public AiRequest {
        history = List.copyOf(history == null ? List.of() : history);
        images = List.copyOf(images == null ? List.of() : images);
        prompt = prompt == null ? "" : prompt;
        settings = settings == null ? ModelSettings.NONE : settings;
        format = format == null ? AnswerFormat.MARKDOWN : format;
    }

    /** A plain question to {@code model} (or the default). */
    public static AiRequest of(String model, String prompt) {
        return new AiRequest(model, null, List.of(), prompt, ModelSettings.NONE, AnswerFormat.MARKDOWN, null, null, null,
                List.of(), null);
    }

    /** This request after the earlier turns {@code turns} of a chat. */
    public AiRequest withHistory(List<ChatMessage> turns) {
        return new AiRequest(model, system, turns, prompt, settings, format, schema, memory, tools, images, thinking);
    }

    /** This request answering from notes. */
    public AiRequest withMemory(MemoryQuery query) {
        return new AiRequest(model, system, history, prompt, settings, format, schema, query, tools, images, thinking);
    }

    /** This request with tools. */
    public AiRequest withTools(ToolUse use) {
        return new AiRequest(model, system, history, prompt, settings, format, schema, memory, use, images, thinking);
    }

    /** This request with {@code added} images after any it has. */
    public AiRequest withImages(List<ImageContent> added) {
        List<ImageContent> all = new java.util.ArrayList<>(images);
        all.addAll(added);
        return new AiRequest(model, system, history, prompt, settings, format, schema, memory, tools, all, thinking);
    }

    /**
     * {@code --memory[=COLLECTION] [-k N]}.
     *
     * @param collection the collection to search; {@code null} for the default one
     * @param k          how many notes
     */
    public record MemoryQuery(String collection, int k) {
        /** Notes put into the prompt when {@code -k} is not given. */
        public static final int DEFAULT_K = 5;

        public MemoryQuery {
            collection = collection == null || collection.isBlank() ? null : collection.strip();
            if (k < 1) {
                throw new IllegalArgumentException("-k must be at least 1, not " + k);
            }
        }
    }

    /**
     * {@code --tools[=NAMES] [--allow NAMES]}.
     *
     * @param names   the actions offered (dotted or tool names); empty for all
     * @param allowed actions with side effects that may run without asking
     */
    public record ToolUse(Set<String> names, Set<String> allowed) {
        public ToolUse {
            names = Set.copyOf(names == null ? Set.of() : names);
            allowed = Set.copyOf(allowed == null ? Set.of() : allowed);
        }
    }
}
