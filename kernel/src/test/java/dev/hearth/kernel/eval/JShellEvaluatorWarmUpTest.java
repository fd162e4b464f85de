package dev.hearth.kernel.eval;

import dev.hearth.kernel.cell.DiscardingCellContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Background work registered with {@link Evaluator#afterWarmUp} (loading plugins) waits for the
 * warm-up and for the user's cells: on a two-core machine it would otherwise slow the first cell.
 */
class JShellEvaluatorWarmUpTest {

    @Test
    void workAfterWarmUpWaitsForARunningFirstCellAndThenRuns() throws Exception {
        try (JShellEvaluator evaluator = JShellEvaluator.start(List.of())) {
            CompletableFuture<Long> ran = new CompletableFuture<>();
            CompletableFuture<ThreadGroup> group = new CompletableFuture<>();
            evaluator.afterWarmUp(() -> {
                group.complete(Thread.currentThread().getThreadGroup());
                ran.complete(System.nanoTime());
            });
            evaluator.prepare(List.of(), List.of());

            // a first cell sent at once, running longer than the quiet period
            evaluator.eval("Thread.sleep(1500);", new DiscardingCellContext());
            long cellEnded = System.nanoTime();

            assertFalse(ran.isDone() && ran.get() < cellEnded, "the work started while the first cell ran");
            long startedAt = ran.get(10, TimeUnit.SECONDS);
            assertTrue(startedAt >= cellEnded, "the work ran after the cell");
            assertEquals("hearth", group.get().getName(), "the work's thread lives in the kernel's own group");
            assertEquals("2", evaluator.eval("1 + 1", new DiscardingCellContext()).display());
        }
    }

    @Test
    void workAfterWarmUpRunsWithoutAnyCell() throws Exception {
        try (JShellEvaluator evaluator = JShellEvaluator.start(List.of())) {
            CompletableFuture<String> ran = new CompletableFuture<>();
            evaluator.afterWarmUp(() -> ran.complete(Thread.currentThread().getName()));
            evaluator.prepare(List.of(), List.of());

            assertNotEquals("main", ran.get(30, TimeUnit.SECONDS));
        }
    }
}
