package dev.hearth.kernel.eval;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands objects from the kernel to JShell code: the kernel parks a value under a key, then a
 * generated snippet takes it. Public only because generated cell code must reach it.
 */
public final class Bindings {

    private static final Map<String, Object> PARKED = new ConcurrentHashMap<>();

    private Bindings() {
    }

    static String park(Object value) {
        String key = java.util.UUID.randomUUID().toString();
        PARKED.put(key, value == null ? NullValue.INSTANCE : value);
        return key;
    }

    /** Removes and returns the value parked under {@code key}. */
    public static Object take(String key) {
        Object value = PARKED.remove(key);
        return value == NullValue.INSTANCE ? null : value;
    }

    private enum NullValue { INSTANCE }
}
