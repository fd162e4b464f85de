package dev.hearth.api;

import java.util.concurrent.ThreadFactory;

/**
 * Daemon threads that never belong to the cell that happens to create them.
 *
 * <p>Java cells run on a thread of a thread group that JShell makes for each cell, and JShell waits
 * for the threads it finds in that group as the cell starts. A thread that a service creates lazily
 * during a cell (the first call of a pool, a timer) would land in that group and could keep the
 * next cell waiting forever. Threads made here live in one {@code hearth} group under the JVM's
 * top-level group instead. Use it for every pool or timer a plugin keeps.
 */
public final class BackgroundThreads {

    private static final ThreadGroup GROUP = new ThreadGroup(topGroup(), "hearth");

    private BackgroundThreads() {
    }

    /** A factory of daemon threads named {@code name} in the {@code hearth} group. */
    public static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(GROUP, runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static ThreadGroup topGroup() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }
}
