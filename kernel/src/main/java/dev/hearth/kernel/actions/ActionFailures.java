package dev.hearth.kernel.actions;

import dev.hearth.api.ActionException;

import java.util.ServiceConfigurationError;

/**
 * Turns whatever an action's code threw that it did not mean for the user (any exception, and
 * errors too: {@code StackOverflowError}, {@code OutOfMemoryError}, {@code NoClassDefFoundError},
 * {@code ServiceConfigurationError}) into an {@link ActionException} that names the action and its
 * plugin and says what to do, so the cell shows it and the kernel's shell thread lives on.
 */
final class ActionFailures {

    private static final System.Logger LOG = System.getLogger(ActionFailures.class.getName());

    private ActionFailures() {
    }

    /** Whether {@code thrown} must pass through untouched: JDK 17's way of stopping a cell's thread. */
    static boolean mustPropagate(Throwable thrown) {
        return thrown.getClass().getName().equals("java.lang.ThreadDeath");
    }

    /** The readable failure of {@code action} (from {@code plugin}) that threw {@code thrown}; the cause is logged. */
    static ActionException unexpected(String action, String plugin, Throwable thrown) {
        LOG.log(System.Logger.Level.WARNING, action + " (plugin " + plugin + ") threw " + thrown, thrown);
        String what = thrown.getClass().getSimpleName()
                + (thrown.getMessage() == null ? "" : ": " + firstLine(thrown.getMessage()));
        String message;
        if (thrown instanceof StackOverflowError) {
            message = action + " failed: it recursed too deeply (" + what + "), a bug in plugin " + plugin
                    + ". Try a smaller input, or report it to the plugin's author.";
        } else if (thrown instanceof OutOfMemoryError) {
            message = action + " ran out of memory (" + what + "). Try a smaller input, or give the kernel more "
                    + "memory (-Xmx); if it happens with small inputs, report it to the author of plugin " + plugin + ".";
        } else if (thrown instanceof LinkageError || thrown instanceof ServiceConfigurationError) {
            message = action + " failed: plugin " + plugin + " is missing code it needs (" + what + "). "
                    + "Reinstall or update the plugin, then run %plugins reload.";
        } else {
            message = action + " failed unexpectedly (" + what + "), a bug in plugin " + plugin
                    + " or an input it does not handle. Check the input; if it looks right, report it to the "
                    + "plugin's author (the kernel log has the details).";
        }
        return new ActionException(message, thrown);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
