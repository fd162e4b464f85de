package dev.hearth.kernel.interpreter;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.eval.CellFailure;
import dev.hearth.kernel.session.ExecutionHistory;

import java.util.List;
import java.util.Optional;

/**
 * What a kernel session does, in cell terms and without the protocol (the xeus interpreter): the
 * session unpacks a request, calls one of these, and packs the answer. Every piece of cell syntax
 * (Java, {@code %magic}, {@code %%magic}, {@code ?inspect}) is known here and below, never above.
 */
public interface Interpreter {

    /**
     * Runs {@code code} as the running cell, recording it in the history when {@code store}.
     *
     * @param count the execution count the cell gets
     * @throws CellFailure when the cell fails or is interrupted (recorded too)
     */
    Executed execute(int count, String code, boolean store, CellContext ctx);

    /** Evaluates one expression for {@code user_expressions}: its rich value, output discarded. */
    MimeBundle evaluateExpression(String expression);

    /** Completion at {@code cursor} (UTF-16 offsets): Java, magic names and magic arguments. */
    Completion complete(String code, int cursor);

    /** What to show for the name at {@code cursor}: Javadoc and signature, or a magic's help. */
    Optional<String> inspect(String code, int cursor, int detail);

    /** Whether {@code code} is complete, incomplete (with an indent) or invalid. */
    Completeness isComplete(String code);

    /** Stored executions for {@code history_request}. */
    ExecutionHistory history();

    /** Stops the running cell's Java code (the session's cancellation of the cell does the rest). */
    void interrupt();

    /**
     * What a cell produced.
     *
     * @param result the result to show ({@code execute_result}), or {@code null} when there is none
     * @param page   text for the pager (an inspection), or {@code null}
     */
    record Executed(MimeBundle result, String page) {
    }

    /** Completion matches replacing {@code code[start, end)}. */
    record Completion(List<String> matches, int start, int end) {
    }

    /** {@code complete}, {@code incomplete} (with the next line's indent) or {@code invalid}. */
    record Completeness(String status, String indent) {
    }
}
