package dev.hearth.kernel.eval;

import dev.hearth.kernel.session.Kernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What a long session keeps: JShell compiles every cell against all live snippets, so snippets
 * that nobody can name (the {@code $N} of an expression's value) must not pile up.
 */
class JShellEvaluatorStateTest {

    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = JShellEvaluator.start(List.of());
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static Evaluator.EvalResult eval(String code) {
        return evaluator.eval(code, new dev.hearth.kernel.cell.DiscardingCellContext());
    }

    @Test
    void expressionValuesLeaveNoSnippetBehind() {
        int before = evaluator.liveSnippetCount();
        for (int i = 0; i < 5; i++) {
            assertEquals(String.valueOf(i + 2), eval(i + " + 2").display());
        }
        assertEquals("\"abab\"", eval("\"ab\".repeat(2)").display());
        assertEquals("3", eval("1 + 1;\n2 + 1").display(), "a cell of two expressions shows the last");
        assertEquals(42, eval("Integer.valueOf(42)").value(), "the value itself still reaches the cell");
        assertThrows(CellFailure.class, () -> eval("1 / 0"));
        assertEquals(before, evaluator.liveSnippetCount());
    }

    @Test
    void declarationsStayLiveAndUsable() {
        int before = evaluator.liveSnippetCount();
        eval("int kept = 20;\nint twice(int x) { return 2 * x; }");
        assertEquals(before + 2, evaluator.liveSnippetCount());
        assertEquals("40", eval("twice(kept)").display());
        assertEquals(before + 2, evaluator.liveSnippetCount());
    }
}
