package dev.hearth.api;

/** Who asked for an action call; Hearth's network policy and approvals depend on it. */
public enum Origin {
    /** The user, from a cell ({@code %act}, {@code actions.run(...)}): may reach local services. */
    USER,
    /**
     * A language model's tool call: network access is limited to public addresses and actions
     * with side effects need the user's approval.
     */
    MODEL
}
