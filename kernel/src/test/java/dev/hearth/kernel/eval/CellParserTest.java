package dev.hearth.kernel.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class CellParserTest {

    @Test
    void cellMagicTakesTheWholeBody() {
        List<CellParser.Segment> segments = CellParser.parse("%%ai ollama:x --into y\nHello {name}\n%not a magic");
        assertEquals(List.of(new CellParser.CellMagic("ai", "ollama:x --into y", "Hello {name}\n%not a magic")), segments);
    }

    @Test
    void lineMagicsSplitJavaAndKeepLineNumbers() {
        List<CellParser.Segment> segments = CellParser.parse("int a = 1;\n%time a++\nint b = a;");
        assertEquals(3, segments.size());
        assertEquals(new CellParser.Java("int a = 1;\n"), segments.get(0));
        assertEquals(new CellParser.LineMagic("time", "a++"), segments.get(1));
        CellParser.Java second = assertInstanceOf(CellParser.Java.class, segments.get(2));
        assertEquals("\n\nint b = a;", second.code(), "the third line stays line 3");
    }

    @Test
    void moduloContinuationInsideParenthesesIsJava() {
        List<CellParser.Segment> segments = CellParser.parse("int r = (10\n%3);");
        assertEquals(List.of(new CellParser.Java("int r = (10\n%3);")), segments);
    }

    @Test
    void questionMarkIsAnInspection() {
        assertEquals(List.of(new CellParser.Inspect("String", 0)), CellParser.parse("String?"));
        assertEquals(List.of(new CellParser.Inspect("Math.max", 1)), CellParser.parse("??Math.max"));
    }

    @Test
    void aLineMagicEndingInAQuestionMarkIsTheMagic() {
        assertEquals(List.of(new CellParser.LineMagic("ai", "What is 3 + 4?")), CellParser.parse("%ai What is 3 + 4?"));
    }

    @Test
    void ternaryIsNotAnInspection() {
        assertInstanceOf(CellParser.Java.class, CellParser.parse("x > 1 ? 2 : 3").get(0));
    }

    @Test
    void blankCellHasNoSegments() {
        assertEquals(List.of(), CellParser.parse("  \n\n"));
    }
}
