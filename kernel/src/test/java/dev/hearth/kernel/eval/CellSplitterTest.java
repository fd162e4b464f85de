package dev.hearth.kernel.eval;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellSplitterTest {

    private static JShell jshell;
    private static CellSplitter splitter;

    @BeforeAll
    static void start() {
        jshell = JShell.builder().executionEngine("local").build();
        splitter = new CellSplitter(jshell.sourceCodeAnalysis());
    }

    @AfterAll
    static void stop() {
        jshell.close();
    }

    @Test
    void splitsImportsDeclarationsStatementsAndFinalExpression() {
        String cell = "import java.util.*;\nint x = 2;\nint twice(int v) { return 2 * v; }\nx++;\ntwice(x)";
        List<CellSplitter.Piece> pieces = splitter.split(cell);
        assertEquals(5, pieces.size());
        assertEquals("import java.util.*;", pieces.get(0).source().strip());
        assertTrue(pieces.get(2).source().strip().startsWith("int twice"), pieces.get(2).source());
        assertEquals("twice(x)", pieces.get(4).source().strip().replace(";", ""));
        assertEquals(cell.indexOf("twice(x)"), codeStart(pieces.get(4)));
    }

    @Test
    void offsetsPointAtEachSnippetStart() {
        String cell = "int a = 1;\n\n   int b = 2;";
        List<CellSplitter.Piece> pieces = splitter.split(cell);
        assertEquals(0, codeStart(pieces.get(0)));
        assertEquals(cell.indexOf("int b"), codeStart(pieces.get(1)));
    }

    /** Where the piece's code (after any whitespace JShell kept) starts in the cell. */
    private static int codeStart(CellSplitter.Piece piece) {
        return piece.offset() + piece.source().length() - piece.source().stripLeading().length();
    }

    @Test
    void incompleteTailIsKeptAndMarked() {
        List<CellSplitter.Piece> pieces = splitter.split("int a = 1;\nfor (int i = 0; i < 3; i++) {");
        assertEquals(2, pieces.size());
        assertFalse(pieces.get(1).complete());
    }

    @Test
    void blankCellGivesNothing() {
        assertEquals(List.of(), splitter.split(" \n\t"));
    }
}
