package dev.hearth.kernel.eval;

import dev.hearth.kernel.session.Kernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binding kernel values into the Java session, as the AI and memory magics do for _ai and _recall. */
class JShellEvaluatorBindTest {

    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = JShellEvaluator.start(List.of());
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static String show(String code) {
        return evaluator.eval(code, new dev.hearth.kernel.cell.DiscardingCellContext()).display();
    }

    @Test
    void rebindingTheSameTypeUpdatesTheValueSeenByLaterCodeAndMethods() {
        evaluator.bind("answer", "String", "first");
        evaluator.eval("String shout() { return answer.toUpperCase(); }", new dev.hearth.kernel.cell.DiscardingCellContext());
        assertEquals("\"FIRST\"", show("shout()"));
        evaluator.bind("answer", "String", "second");
        assertEquals("\"second\"", show("answer"));
        assertEquals("\"SECOND\"", show("shout()"), "methods see the new value too");
        assertEquals("second", evaluator.valueOf("answer").orElseThrow());
    }

    @Test
    void rebindingAnotherTypeRedeclaresTheVariable() {
        evaluator.bind("changing", "String", "text");
        evaluator.bind("changing", "Integer", 41);
        assertEquals("42", show("changing + 1"));
    }

    @Test
    void nullIsBound() {
        evaluator.bind("nothing", "String", null);
        assertEquals("true", show("nothing == null"));
    }

    @Test
    void aValueOfTheWrongTypeIsAClearError() {
        CellFailure failure = assertThrows(CellFailure.class, () -> evaluator.bind("wrong", "Integer", "not a number"));
        assertEquals("BindError", failure.errorName());
        assertTrue(failure.errorValue().contains("cannot bind wrong as Integer"), failure.errorValue());
    }
}
