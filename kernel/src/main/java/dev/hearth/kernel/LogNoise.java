package dev.hearth.kernel;

import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Demotes libraries' warnings that nobody can act on to DEBUG (FINE), so the terminal running
 * Jupyter only shows real problems: PF4J's "No '[]' root" (Hearth passes its plugin directories
 * itself), DJL's "Failed to detect GPU count" on machines without CUDA, and the tokenizer's
 * "maxLength is not explicitly specified" at the first embedding.
 */
final class LogNoise implements Filter {

    private static final List<String> PREFIXES = List.of("No '", "Failed to detect GPU count",
            "maxLength is not explicitly specified");

    private final Supplier<Level> threshold;

    /** @param threshold the level the handler shows (read at each record) */
    LogNoise(Supplier<Level> threshold) {
        this.threshold = threshold;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLevel().intValue() < Level.SEVERE.intValue() && isNoise(record.getMessage())) {
            record.setLevel(Level.FINE);
            return threshold.get().intValue() <= Level.FINE.intValue();
        }
        return true;
    }

    static boolean isNoise(String message) {
        if (message == null) {
            return false;
        }
        for (String prefix : PREFIXES) {
            if (message.startsWith(prefix) && (!prefix.equals("No '") || message.endsWith("' root"))) {
                return true;
            }
        }
        return false;
    }
}
