package dev.hearth.kernel.ai;

/**
 * Separates a reasoning model's thinking from its answer in a token stream: models served without
 * a thinking channel (OpenAI-compatible servers, GGUF files, Ollama without {@code think}) write it
 * inline as {@code <think>…</think>}. Tags split across tokens are held back until they are whole.
 */
final class ThinkingSplitter {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    private final StringBuilder pending = new StringBuilder();
    private boolean thinking;
    private boolean answerStarted;

    /** One step of the stream: what goes to the answer and what to the thinking. */
    record Parts(String answer, String thinking) {
    }

    /** Splits the next token. */
    Parts feed(String token) {
        pending.append(token);
        StringBuilder answer = new StringBuilder();
        StringBuilder thought = new StringBuilder();
        while (pending.length() > 0) {
            String tag = thinking ? CLOSE : OPEN;
            int at = pending.indexOf(tag);
            if (at >= 0) {
                String before = pending.substring(0, at);
                if (thinking) {
                    thought.append(before);
                } else {
                    answer.append(before);
                }
                pending.delete(0, at + tag.length());
                thinking = !thinking;
                continue;
            }
            int keep = partialTagLength(pending, tag);
            String ready = pending.substring(0, pending.length() - keep);
            if (thinking) {
                thought.append(ready);
            } else {
                answer.append(ready);
            }
            pending.delete(0, ready.length());
            break;
        }
        String answerText = answer.toString();
        if (!answerStarted) {
            answerText = answerText.stripLeading(); // the blank lines after </think> are not the answer
            answerStarted = !answerText.isEmpty();
        }
        return new Parts(answerText, thought.toString());
    }

    /** What is held back at the end of the stream (an unfinished tag is text after all). */
    Parts finish() {
        String rest = pending.toString();
        pending.setLength(0);
        return thinking ? new Parts("", rest) : new Parts(rest, "");
    }

    /** The length of the longest end of {@code text} that is a start of {@code tag}. */
    private static int partialTagLength(CharSequence text, String tag) {
        for (int n = Math.min(tag.length() - 1, text.length()); n > 0; n--) {
            if (tag.startsWith(text.subSequence(text.length() - n, text.length()).toString())) {
                return n;
            }
        }
        return 0;
    }
}
