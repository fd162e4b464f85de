package dev.hearth.api;

import java.util.Objects;

/**
 * What Hearth gives an action for one call: its settings, the interrupt flag, a logger, and
 * network access that enforces Hearth's policy. Use {@link #http()} for every network call rather
 * than opening connections yourself: it applies time-outs, size caps, cancellation, and, for calls
 * a model asked for, refuses local and private addresses.
 */
public interface ActionContext {

    /** This action's section of the configuration (keys after {@code namespace.}). */
    ActionSettings settings();

    /** Whether and when the user interrupted the call. */
    Cancellation cancellation();

    /** Shortcut for {@code cancellation().isCancelled()}. */
    default boolean isCancelled() {
        return cancellation().isCancelled();
    }

    /**
     * Throws {@link ActionCancelledException} when the call was interrupted; call it between steps
     * of long work.
     */
    default void checkCancelled(String action) {
        if (isCancelled()) {
            throw new ActionCancelledException(action);
        }
    }

    /** Where to log diagnostics (not results: those go in the {@link ActionResult}). */
    System.Logger logger();

    /** Who asked: the user from a cell, or a model's tool call. */
    Origin origin();

    /** Network access under Hearth's policy for this call's {@link #origin()}. */
    HttpAccess http();

    /** Starts a context; everything has a sensible default (user origin, no settings, never cancelled). */
    static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link ActionContext}: used by Hearth and by tests of actions. */
    final class Builder {
        private ActionSettings settings = ActionSettings.of(java.util.Map.of());
        private Cancellation cancellation = Cancellation.none();
        private System.Logger logger = System.getLogger("dev.hearth.actions");
        private Origin origin = Origin.USER;
        private HttpAccess http;

        private Builder() {
        }

        /** The action's settings section. */
        public Builder settings(ActionSettings settings) {
            this.settings = Objects.requireNonNull(settings);
            return this;
        }

        /** The interrupt flag. */
        public Builder cancellation(Cancellation cancellation) {
            this.cancellation = Objects.requireNonNull(cancellation);
            return this;
        }

        /** The logger. */
        public Builder logger(System.Logger logger) {
            this.logger = Objects.requireNonNull(logger);
            return this;
        }

        /** Who asked; decides the network policy unless {@link #http} is given. */
        public Builder origin(Origin origin) {
            this.origin = Objects.requireNonNull(origin);
            return this;
        }

        /** Network access; by default a {@link PolicyHttpAccess} for the origin and cancellation. */
        public Builder http(HttpAccess http) {
            this.http = http;
            return this;
        }

        /** The context. */
        public ActionContext build() {
            ActionSettings s = settings;
            Cancellation c = cancellation;
            System.Logger l = logger;
            Origin o = origin;
            HttpAccess h = http != null ? http : PolicyHttpAccess.forOrigin(o, c);
            return new ActionContext() {
                @Override
                public ActionSettings settings() {
                    return s;
                }

                @Override
                public Cancellation cancellation() {
                    return c;
                }

                @Override
                public System.Logger logger() {
                    return l;
                }

                @Override
                public Origin origin() {
                    return o;
                }

                @Override
                public HttpAccess http() {
                    return h;
                }
            };
        }
    }
}
