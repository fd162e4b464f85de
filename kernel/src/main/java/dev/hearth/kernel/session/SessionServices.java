package dev.hearth.kernel.session;

import dev.hearth.kernel.eval.Evaluator;
import dev.hearth.kernel.magic.MagicRegistry;

/**
 * What the request handlers work with, built by the composition root. The kernel answers
 * {@code kernel_info} before these exist, so front ends see it up at once while they are built.
 *
 * @param runner    runs cells
 * @param evaluator the Java session
 * @param magics    the magic registry
 * @param history   stored executions
 */
public record SessionServices(CellRunner runner, Evaluator evaluator, MagicRegistry magics, ExecutionHistory history) {
}
