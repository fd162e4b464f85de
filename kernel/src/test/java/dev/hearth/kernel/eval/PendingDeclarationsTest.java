package dev.hearth.kernel.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which of the rooms' declarations a cell needs made before it compiles. */
class PendingDeclarationsTest {

    private final List<String> made = new ArrayList<>();

    private PendingDeclarations session() {
        return PendingDeclarations.none()
                .variable("$hearth", js -> made.add("$hearth"))
                .variable("memory", js -> made.add("memory"))
                .variable("ai", js -> made.add("ai"))
                .snippet("dev.hearth.kernel.cell.DisplayHandle display(Object value) { return $hearth.display(value); }",
                        js -> made.add("display"));
    }

    @Test
    void aCellThatNamesNoneMakesNone() {
        PendingDeclarations pending = session();
        pending.declareNamedIn(null, "var xs = List.of(3, 1, 2); xs.stream().sorted().toList()");
        assertEquals(List.of(), made);
        assertFalse(pending.isEmpty());
    }

    @Test
    void aNamedVariableIsMadeOnceAndOnlyIt() {
        PendingDeclarations pending = session();
        pending.declareNamedIn(null, "memory.recall(\"heating\")");
        pending.declareNamedIn(null, "memory.size()");
        assertEquals(List.of("memory"), made);
    }

    @Test
    void aFunctionBringsWhatItUsesFirst() {
        PendingDeclarations pending = session();
        pending.declareNamedIn(null, "display(html(\"<b>hi</b>\"))");
        assertEquals(List.of("$hearth", "display"), made);
    }

    @Test
    void namesAreWholeIdentifiers() {
        PendingDeclarations pending = session();
        pending.declareNamedIn(null, "int aim = 1; String memoryless = \"x\"; displayed();");
        assertEquals(List.of(), made, "ai is not aim, memory is not memoryless");
    }

    @Test
    void everythingIsMadeInTheRoomsOrder() {
        PendingDeclarations pending = session();
        pending.declareNamedIn(null, "ai");
        pending.declareAll(null);
        assertEquals(List.of("ai", "$hearth", "memory", "display"), made);
        assertTrue(pending.isEmpty());
        assertFalse(pending.declareNext(null));
    }
}
