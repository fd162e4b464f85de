package dev.hearth.api;

/** Thrown by an action (or Hearth's HTTP access) when the user interrupted the call. */
public class ActionCancelledException extends ActionException {

    private static final long serialVersionUID = 1L;

    /** @param action the action's name */
    public ActionCancelledException(String action) {
        super(action + ": interrupted");
    }
}
