package dev.hearth.plugins.files;

import dev.hearth.api.ActionException;
import dev.hearth.api.ActionInput;

/** The numeric limits the files actions take ({@code max_chars}, {@code max_entries}, ...), checked for range. */
final class Limits {

    private Limits() {
    }

    /**
     * The value of {@code param} (or {@code fallback}).
     *
     * @throws ActionException naming the action and the range when it is below 1 or above {@code most}
     */
    static long of(ActionInput input, String action, String param, long fallback, long most) {
        long value = input.integer(param, fallback);
        if (value < 1 || value > most) {
            throw new ActionException(action + ": " + param + " must be between 1 and " + most + ", not " + value);
        }
        return value;
    }
}
