package dev.hearth.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The validated parameters of one call: only declared names, each converted to its kind
 * ({@link String}, {@link Long}, {@link Double}, {@link Boolean}), defaults filled in. Created by
 * {@link ActionSpec#validate(Map)}.
 */
public final class ActionInput {

    private final String action;
    private final Map<String, Object> values;

    ActionInput(String action, Map<String, Object> values) {
        this.action = action;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Every given or defaulted value by parameter name. */
    public Map<String, Object> values() {
        return values;
    }

    /** Whether {@code name} has a value (given, or a default). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The text value of {@code name}, if it has one. */
    public Optional<String> string(String name) {
        return Optional.ofNullable((String) typed(name, String.class));
    }

    /** The text value of a required parameter (or one with a default). */
    public String require(String name) {
        return string(name).orElseThrow(() -> new InvalidInputException(action, name,
                "missing required parameter '" + name + "'"));
    }

    /** The whole-number value of {@code name}, or {@code fallback}. */
    public long integer(String name, long fallback) {
        Long value = typed(name, Long.class);
        return value == null ? fallback : value;
    }

    /** The decimal value of {@code name}, or {@code fallback}. */
    public double number(String name, double fallback) {
        Double value = typed(name, Double.class);
        return value == null ? fallback : value;
    }

    /** The boolean value of {@code name}, or {@code fallback}. */
    public boolean bool(String name, boolean fallback) {
        Boolean value = typed(name, Boolean.class);
        return value == null ? fallback : value;
    }

    private <T> T typed(String name, Class<T> type) {
        Object value = values.get(name);
        if (value != null && !type.isInstance(value)) {
            throw new IllegalStateException(action + ": parameter '" + name + "' is a "
                    + value.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return action + " " + values;
    }
}
