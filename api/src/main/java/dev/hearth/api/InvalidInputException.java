package dev.hearth.api;

/** Input that does not fit an action's parameters; the message names the parameter. */
public class InvalidInputException extends ActionException {

    private static final long serialVersionUID = 1L;

    private final String action;
    private final String parameter;

    /**
     * @param action    the action's name
     * @param parameter the parameter at fault
     * @param problem   what is wrong, naming the parameter
     */
    public InvalidInputException(String action, String parameter, String problem) {
        super(action + ": " + problem);
        this.action = action;
        this.parameter = parameter;
    }

    /** The action's name. */
    public String action() {
        return action;
    }

    /** The parameter at fault. */
    public String parameter() {
        return parameter;
    }
}
