package dev.hearth.api;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackgroundThreadsTest {

    @Test
    void aThreadMadeDuringACellDoesNotJoinTheCellsThreadGroup() throws Exception {
        // JShell runs each cell on a thread of a fresh group and waits for what it finds in it.
        ThreadGroup cellGroup = new ThreadGroup("JShell process local execution");
        AtomicReference<Thread> made = new AtomicReference<>();
        Thread cell = new Thread(cellGroup, () -> made.set(BackgroundThreads.daemon("pool-worker").newThread(() -> { })));
        cell.start();
        cell.join();
        Thread worker = made.get();
        assertNotEquals(cellGroup, worker.getThreadGroup());
        assertEquals("hearth", worker.getThreadGroup().getName());
        assertEquals("pool-worker", worker.getName());
        assertTrue(worker.isDaemon());
    }
}
