package dev.hearth.kernel.ai;

import dev.hearth.kernel.cell.CellHistory;
import dev.hearth.kernel.eval.Evaluator;
import dev.hearth.kernel.magic.Magic;

import java.util.List;

/**
 * The AI magics: {@code %%ai} / {@code %ai} (with {@code models}, {@code use}, {@code alias},
 * {@code status}, {@code help}), {@code %%chat} / {@code %chat} and {@code %pattern}. They parse
 * and fill the prompt, then call the same {@link Ai} facade cells use.
 */
public final class AiMagics {

    /** Name of the variable that always holds the last answer. */
    public static final String LAST_ANSWER = "_ai";

    private final Ai ai;
    private final Evaluator evaluator;
    private final CellHistory history;

    /**
     * @param ai        the facade doing the work
     * @param evaluator the JShell session (variables for {@code {name}}, binding {@code _ai}); may be {@code null}
     * @param history   earlier cells for {@code {In[n]}}, {@code {Out[n]}}, {@code {Err}}; may be {@code null}
     */
    public AiMagics(Ai ai, Evaluator evaluator, CellHistory history) {
        this.ai = ai;
        this.evaluator = evaluator;
        this.history = history;
    }

    /** The three magics, to register. */
    public List<Magic> all() {
        AiMagicRequests requests = new AiMagicRequests(ai, evaluator, history);
        return List.of(new AiMagic(requests), new ChatMagic(requests), new PatternMagic(ai));
    }
}
