package dev.hearth.kernel.interpreter;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.eval.CellFailure;
import dev.hearth.kernel.eval.CellParser;
import dev.hearth.kernel.eval.Evaluator;
import dev.hearth.kernel.magic.CodeRunner;
import dev.hearth.kernel.magic.MagicRegistry;
import dev.hearth.kernel.magic.MagicUsageException;

import java.util.function.UnaryOperator;

/**
 * Runs a cell's segments in order: Java through the evaluator, magics through the registry,
 * {@code ?expr} as an inspection shown in the pager. The value of the last segment is the cell's.
 */
public final class CellRunner implements CodeRunner {

    /**
     * What a cell produced.
     *
     * @param value    the last segment's value object, or {@code null}
     * @param text     its plain text, or {@code null}
     * @param hasValue whether there is a result to show
     * @param page     text for the pager (an inspection), or {@code null}
     */
    public record Outcome(Object value, String text, boolean hasValue, String page) {
        static final Outcome NONE = new Outcome(null, null, false, null);
    }

    private final Evaluator evaluator;
    private final MagicRegistry magics;
    private final UnaryOperator<String> redactor;

    public CellRunner(Evaluator evaluator, MagicRegistry magics) {
        this(evaluator, magics, UnaryOperator.identity());
    }

    /** @param redactor applied to every error message before the cell shows it (configured secrets masked) */
    public CellRunner(Evaluator evaluator, MagicRegistry magics, UnaryOperator<String> redactor) {
        this.evaluator = evaluator;
        this.magics = magics;
        this.redactor = redactor;
    }

    /**
     * Runs {@code cell}.
     *
     * @throws CellFailure when any segment fails (the rest do not run), its message redacted
     */
    public Outcome runCell(String cell, CellContext ctx) {
        try {
            return runSegments(cell, ctx);
        } catch (CellFailure failure) {
            throw new CellFailure(failure.errorName(), redactor.apply(failure.errorValue()),
                    failure.traceback().stream().map(redactor).toList());
        }
    }

    private Outcome runSegments(String cell, CellContext ctx) {
        Outcome outcome = Outcome.NONE;
        for (CellParser.Segment segment : CellParser.parse(cell)) {
            if (ctx.isCancelled()) {
                throw CellFailure.interrupted();
            }
            outcome = runSegment(segment, ctx);
        }
        if (ctx.isCancelled()) {
            throw CellFailure.interrupted();
        }
        return outcome;
    }

    private Outcome runSegment(CellParser.Segment segment, CellContext ctx) {
        if (segment instanceof CellParser.Java java) {
            Evaluator.EvalResult result = evaluator.eval(java.code(), ctx);
            return new Outcome(result.value(), result.display(), result.hasValue(), null);
        }
        if (segment instanceof CellParser.Inspect inspect) {
            String doc = evaluator.inspect(inspect.expression(), inspect.expression().length(), inspect.detail())
                    .orElseThrow(() -> CellFailure.of("NotFound", "No documentation found for '"
                            + inspect.expression() + "'"));
            return new Outcome(null, null, false, doc);
        }
        try {
            Object value = segment instanceof CellParser.LineMagic line
                    ? magics.invoke(line.name(), false, line.args(), "", ctx)
                    : invokeCellMagic((CellParser.CellMagic) segment, ctx);
            return value == null ? Outcome.NONE : new Outcome(value, textOf(value), true, null);
        } catch (CellFailure failure) {
            throw failure;
        } catch (MagicUsageException e) {
            throw CellFailure.of("UsageError", e.userMessage());
        } catch (dev.hearth.kernel.cell.CellInterruptedException e) {
            throw CellFailure.interrupted();
        } catch (Exception e) {
            if (ctx.isCancelled()) {
                throw CellFailure.interrupted();
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw CellFailure.of(e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    ? "Error" : e.getClass().getSimpleName(), message);
        }
    }

    private Object invokeCellMagic(CellParser.CellMagic magic, CellContext ctx) throws Exception {
        return magics.invoke(magic.name(), true, magic.args(), magic.body(), ctx);
    }

    private static String textOf(Object value) {
        return value instanceof MimeBundle bundle ? bundle.plainText() : String.valueOf(value);
    }

    @Override
    public Object run(String code, CellContext ctx) {
        Outcome outcome = runCell(code, ctx);
        return outcome.hasValue() ? (outcome.value() != null ? outcome.value() : outcome.text()) : null;
    }
}
