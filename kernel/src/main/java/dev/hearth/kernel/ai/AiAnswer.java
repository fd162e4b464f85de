package dev.hearth.kernel.ai;

import dev.langchain4j.data.message.ChatMessage;

import java.time.Duration;
import java.util.List;

/**
 * What a model answered.
 *
 * @param text             the answer (what arrived before an interrupt, if interrupted)
 * @param model            the model that answered
 * @param settings         the effective settings
 * @param messages         the messages sent
 * @param interrupted      whether the user stopped the stream
 * @param timeToFirstToken from the call to the first token ({@code null} if none came)
 * @param total            from the call to the end
 * @param thinking         a reasoning model's thinking, kept apart from the answer ({@code ""} when none)
 * @param usage            the server's token counts and the speed, or {@code null} when it gave none
 * @param sources          the notes put into the prompt ({@code --memory}), as shown under the answer
 */
public record AiAnswer(String text, ModelRef model, ModelSettings settings, List<ChatMessage> messages,
                       boolean interrupted, Duration timeToFirstToken, Duration total, String thinking, Usage usage,
                       List<String> sources) {

    public AiAnswer {
        thinking = thinking == null ? "" : thinking;
        sources = List.copyOf(sources == null ? List.of() : sources);
    }

    @Override
    public String toString() {
        return text;
    }
}
