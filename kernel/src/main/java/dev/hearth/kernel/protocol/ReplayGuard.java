package dev.hearth.kernel.protocol;

import java.util.HashSet;
import java.util.Set;
import java.util.ArrayDeque;

/**
 * Remembers the signatures of the most recent messages so a captured message cannot be sent
 * again. Bounded: the oldest signatures are forgotten first. Not thread-safe.
 */
public final class ReplayGuard {

    private final int capacity;
    private final Set<String> seen = new HashSet<>();
    private final ArrayDeque<String> order = new ArrayDeque<>();

    public ReplayGuard(int capacity) {
        this.capacity = capacity;
    }

    /** Records {@code signature}; false when it was already seen (a replay). */
    public boolean firstSighting(String signature) {
        if (!seen.add(signature)) {
            return false;
        }
        order.addLast(signature);
        if (order.size() > capacity) {
            seen.remove(order.removeFirst());
        }
        return true;
    }
}
