package dev.hearth.kernel.interpreter;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.cell.DiscardingCellContext;
import dev.hearth.kernel.cell.Rendering;
import dev.hearth.kernel.eval.CellFailure;
import dev.hearth.kernel.eval.CellParser;
import dev.hearth.kernel.eval.Evaluator;
import dev.hearth.kernel.magic.MagicRegistry;
import dev.hearth.kernel.session.ExecutionHistory;

import java.util.List;
import java.util.Optional;

/** The {@link Interpreter} of a Hearth session: Java through JShell, magics through the registry. */
public final class HearthInterpreter implements Interpreter {

    private final CellRunner runner;
    private final Evaluator evaluator;
    private final MagicRegistry magics;
    private final ExecutionHistory history;
    private final CellScope cells;
    private final Rendering rendering;

    /** An interpreter that shows results through {@code rendering} (the session's renderers). */
    public HearthInterpreter(CellRunner runner, Evaluator evaluator, MagicRegistry magics, ExecutionHistory history,
                             CellScope cells, Rendering rendering) {
        this.runner = runner;
        this.evaluator = evaluator;
        this.magics = magics;
        this.history = history;
        this.cells = cells;
        this.rendering = rendering;
    }

    /** Runs cell text (Java and magics), for magics that wrap other code and for warm-up runs. */
    public CellRunner runner() {
        return runner;
    }

    @Override
    public Executed execute(int count, String code, boolean store, CellContext ctx) {
        CellRunner.Outcome outcome;
        try (CellScope.Entered ignored = cells.enter(ctx)) {
            outcome = runner.runCell(code, ctx);
        } catch (CellFailure failure) {
            if (store) {
                history.record(count, code, null);
            }
            history.recordError(count, String.join("\n", failure.traceback()));
            throw failure;
        }
        MimeBundle result = outcome.hasValue() ? rendering.toBundle(outcome.value(), outcome.text()) : null;
        if (store) {
            history.record(count, code, result == null ? null : result.plainText(), outcome.value());
        }
        return new Executed(result, outcome.page());
    }

    @Override
    public MimeBundle evaluateExpression(String expression) {
        Evaluator.EvalResult value = evaluator.eval(expression, new DiscardingCellContext());
        return rendering.toBundle(value.value(), value.hasValue() ? value.display() : "");
    }

    @Override
    public Completion complete(String code, int cursor) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, cursor - 1)) + 1;
        String line = code.substring(lineStart, cursor);
        if (CellParser.isMagicLine(line)) {
            int indent = line.length() - line.stripLeading().length();
            MagicRegistry.LineCompletion completion = magics.complete(line.stripLeading());
            return new Completion(completion.matches(), lineStart + indent + completion.wordStart(), cursor);
        }
        if (CellParser.isCellMagic(code)) {
            return new Completion(List.of(), cursor, cursor);
        }
        Evaluator.Completion completion = evaluator.complete(code, cursor);
        return new Completion(completion.matches(), completion.start(), cursor);
    }

    @Override
    public Optional<String> inspect(String code, int cursor, int detail) {
        return inspectRich(code, cursor, detail).map(MimeBundle::plainText);
    }

    @Override
    public Optional<MimeBundle> inspectRich(String code, int cursor, int detail) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, cursor - 1)) + 1;
        int lineEnd = code.indexOf('\n', cursor);
        String line = code.substring(lineStart, lineEnd < 0 ? code.length() : lineEnd);
        return CellParser.isMagicLine(line) ? magics.help(line).map(MimeBundle::text)
                : evaluator.inspectRich(code, cursor, detail);
    }

    @Override
    public Completeness isComplete(String code) {
        Evaluator.Completeness completeness = CellParser.isComplete(code, evaluator::isComplete);
        return new Completeness(completeness.status(), completeness.indent());
    }

    @Override
    public ExecutionHistory history() {
        return history;
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }
}
