package dev.hearth.kernel.notes;

import dev.hearth.api.ActionResult;
import dev.hearth.kernel.actions.ActionsFacade;
import dev.hearth.kernel.ai.Ai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code notes} object of Java cells: the Java twin of the {@code notes.write} action. It fills
 * in the provenance a cell knows: the default model and the notebook being run.
 *
 * <pre>{@code
 * String answer = ai.askWithMemory("journal", "What did I learn about running?", 3);
 * notes.save("Running lessons", answer, List.of("2026-11-16.md", "2026-11-18.md"))
 * }</pre>
 */
public final class Notes {

    /** System property {@code hearth run} sets to the notebook's file name. */
    public static final String NOTEBOOK_PROPERTY = "hearth.notebook";

    private final ActionsFacade actions;
    private final Ai ai;

    /** Notes written through {@code actions}, naming {@code ai}'s default model (may be {@code null}). */
    public Notes(ActionsFacade actions, Ai ai) {
        this.actions = actions;
        this.ai = ai;
    }

    /**
     * Saves {@code text} as the note {@code title} in the vault ({@code notes.vault}) with the
     * sources as wikilinks; a note of that name the user wrote or edited is kept and
     * {@code "TITLE 2.md"} written instead.
     *
     * @return the note's path
     */
    public String save(String title, String text, List<String> sources) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("title", title);
        input.put("content", text);
        input.put("sources", String.join(",", sources));
        if (ai != null) {
            input.put("model", ai.service().registry().defaultModel().toString());
        }
        input.put("notebook", notebook());
        ActionResult result = actions.run("notes.write", input);
        return String.valueOf(((Map<?, ?>) result.data()).get("path"));
    }

    /** {@link #save(String, String, List)} without sources. */
    public String save(String title, String text) {
        return save(title, text, List.of());
    }

    /** The notebook being run: {@code hearth run} names it; Jupyter servers that do put it in {@code JPY_SESSION_NAME}. */
    private static String notebook() {
        String run = System.getProperty(NOTEBOOK_PROPERTY);
        if (run != null) {
            return run;
        }
        String session = System.getenv("JPY_SESSION_NAME");
        return session == null ? "" : session.substring(session.lastIndexOf('/') + 1);
    }
}
