package dev.hearth.kernel.ai;

import dev.hearth.kernel.memory.Memory;
import dev.hearth.kernel.memory.Recalled;

import java.util.List;

/**
 * {@code --memory}: puts the notes most relevant to the prompt into it as numbered sources, asks
 * the model to cite them as {@code [n]}, and lists the sources (path and heading) under the answer.
 */
public final class MemorySource implements PromptSource {

    /** What the model is told about the sources. */
    static final String INSTRUCTION = "Answer from the numbered sources in the context and cite them as [n]. "
            + "If they do not contain the answer, say that you don't know.";

    private static final int MAX_CHARS_PER_NOTE = 2000;

    private final Memory memory;

    public MemorySource(Memory memory) {
        this.memory = memory;
    }

    @Override
    public void contribute(AiRequest request, PromptDraft draft) {
        AiRequest.MemoryQuery query = request.memory();
        if (query == null) {
            return;
        }
        List<Recalled> notes = memory.topChunks(request.prompt(), query.collection(), query.k());
        if (notes.isEmpty()) {
            draft.addFooter("*Memory: no notes matched, so the answer cites none.*");
            return;
        }
        StringBuilder context = new StringBuilder("Context:\n");
        StringBuilder footer = new StringBuilder("**Sources**\n\n");
        int n = 1;
        for (Recalled note : notes) {
            String text = note.text().strip().replaceAll("\\s*\\n\\s*", " ");
            if (text.length() > MAX_CHARS_PER_NOTE) {
                text = text.substring(0, MAX_CHARS_PER_NOTE) + "…";
            }
            context.append('[').append(n).append("] ").append(text).append('\n');
            footer.append(n).append(". `").append(note.source()).append('`')
                    .append(note.heading().isEmpty() ? "" : " — " + note.heading()).append('\n');
            draft.addSource(note.source() + (note.heading().isEmpty() ? "" : " — " + note.heading()));
            n++;
        }
        draft.appendSystem(INSTRUCTION);
        draft.addContext(context.toString());
        draft.user("Question: " + draft.user());
        draft.addFooter(footer.toString());
    }
}
