package dev.hearth.kernel.ai;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.json.JsonSchema;

import java.util.List;
import java.util.Map;

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
 * @param options  extra options for {@link PromptSource}s and tool hooks (e.g. {@code memory}), may be empty
 */
public record AiRequest(String model, String system, List<ChatMessage> history, String prompt,
                        ModelSettings settings, AnswerFormat format, JsonSchema schema, Map<String, String> options) {

    public AiRequest {
        history = List.copyOf(history == null ? List.of() : history);
        prompt = prompt == null ? "" : prompt;
        settings = settings == null ? ModelSettings.NONE : settings;
        format = format == null ? AnswerFormat.MARKDOWN : format;
        options = Map.copyOf(options == null ? Map.of() : options);
    }

    /** A plain question to {@code model} (or the default). */
    public static AiRequest of(String model, String prompt) {
        return new AiRequest(model, null, List.of(), prompt, ModelSettings.NONE, AnswerFormat.MARKDOWN, null, Map.of());
    }
}
