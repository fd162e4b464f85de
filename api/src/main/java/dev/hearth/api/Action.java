package dev.hearth.api;

import org.pf4j.ExtensionPoint;

import java.util.List;

/**
 * Something Hearth can do on the user's behalf: fetch a page, read a calendar, write a file.
 *
 * <p>An action describes itself through {@link #spec()} (a dotted name such as {@code web.fetch},
 * a description written for both people and models, typed parameters and whether it has side
 * effects). Hearth generates {@code %actions}, {@code %help}, completion and the model's tool list
 * from that description, and checks every input against it before {@link #invoke} is called: an
 * action never sees a missing required parameter, an unknown one, or a value of the wrong type.
 *
 * <p>In a plugin, implement this interface in a public class with a public no-argument
 * constructor and annotate it with {@code @org.pf4j.Extension}. One instance serves every call,
 * possibly from several threads, so keep it stateless (state belongs in the
 * {@link ActionContext#settings() settings}).
 */
public interface Action extends ExtensionPoint {

    /** Name, description, parameters and side-effect mark of this action; the same object every call. */
    ActionSpec spec();

    /**
     * Runs the action.
     *
     * @param input   the parameters, already validated against {@link #spec()} and completed with defaults
     * @param context settings, cancellation, logger and network access for this call
     * @return what happened, for people (text, rich output) and programs (structured data)
     * @throws ActionException for a failure the user can act on (its message is shown as is)
     * @throws Exception       anything else is reported as an unexpected failure of the action
     */
    ActionResult invoke(ActionInput input, ActionContext context) throws Exception;

    /**
     * What a call would really do, in a few lines, for the user who is asked to approve a model's
     * call of an action with side effects: for a write, the file, whether it exists and will be
     * replaced, the size and the first lines. Hearth shows the lines with every control character
     * escaped, so return the plain facts. It must not change anything.
     *
     * <p>The default is empty: Hearth then lists the parameters. Throw {@link ActionException} when
     * the call cannot work (a refused path): the user is then not asked at all.
     *
     * @param input   the validated parameters
     * @param context the context the call would run with
     * @return the lines to show, or an empty list
     */
    default List<String> preview(ActionInput input, ActionContext context) {
        return List.of();
    }
}
