package dev.hearth.kernel.ai;

import dev.langchain4j.model.output.TokenUsage;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The server's own counts for one answer (every round of tool calls added up) and the speed.
 *
 * @param promptTokens    tokens the server read, or {@code null} when it did not say
 * @param answerTokens    tokens it wrote, or {@code null}
 * @param tokensPerSecond answer tokens per second from the first token to the last, or {@code null}
 */
public record Usage(Integer promptTokens, Integer answerTokens, Double tokensPerSecond) {

    /** The usage of {@code tokens} over {@code streaming} (first token to last); {@code null} when the server counted nothing. */
    static Usage of(TokenUsage tokens, Duration streaming) {
        if (tokens == null || tokens.inputTokenCount() == null && tokens.outputTokenCount() == null) {
            return null;
        }
        Integer out = tokens.outputTokenCount();
        Double speed = out == null || streaming == null || streaming.toNanos() <= 0 || out < 2 ? null
                : (out - 1) / (streaming.toNanos() / 1e9); // the first token's time is the prompt's
        return new Usage(tokens.inputTokenCount(), out, speed);
    }

    /** One line for under the answer, e.g. {@code 52 prompt tokens · 18 answer tokens · 41.3 tokens/s}. */
    public String line() {
        StringBuilder line = new StringBuilder();
        if (promptTokens != null) {
            line.append(promptTokens).append(" prompt tokens");
        }
        if (answerTokens != null) {
            line.append(line.length() > 0 ? " · " : "").append(answerTokens).append(" answer tokens");
        }
        if (tokensPerSecond != null) {
            line.append(" · ").append(String.format(Locale.ROOT, "%.1f", tokensPerSecond)).append(" tokens/s");
        }
        return line.toString();
    }

    /** For the display's metadata. */
    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("prompt_tokens", promptTokens);
        map.put("answer_tokens", answerTokens);
        map.put("tokens_per_second", tokensPerSecond);
        return map;
    }
}
