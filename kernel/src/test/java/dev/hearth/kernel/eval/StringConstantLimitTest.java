package dev.hearth.kernel.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StringConstantLimitTest {

    private static final String BIG = "x".repeat(StringConstantLimit.MAX_BYTES + 1);

    @Test
    void literalsUpToTheLimitPass() {
        assertTrue(StringConstantLimit.check("String s = \"" + "x".repeat(StringConstantLimit.MAX_BYTES) + "\";").isEmpty());
        assertTrue(StringConstantLimit.check("String s = \"a\" + \"b\"; char q = '\"'; // \"" + BIG).isEmpty(),
                "comments and char literals are not strings");
        assertTrue(StringConstantLimit.check("/* \"" + BIG + "\" */ int x = 1;").isEmpty());
    }

    @Test
    void aLiteralOverTheLimitIsFoundAtItsStart() {
        StringConstantLimit.TooLong found = StringConstantLimit.check("int a = 1; String s = \"" + BIG + "\";").orElseThrow();
        assertEquals(22, found.offset());
        assertEquals(StringConstantLimit.MAX_BYTES + 1, found.bytes());
    }

    @Test
    void bytesAreCountedAfterEscapesInModifiedUtf8() {
        String halfEscapes = "\\n".repeat(40_000);
        assertTrue(StringConstantLimit.check("\"" + halfEscapes + "\"").isEmpty(), "\\n is one byte, not two");
        String threeByteChars = "€".repeat(22_000);
        assertTrue(StringConstantLimit.check("\"" + threeByteChars + "\"").isPresent(), "66,000 bytes");
    }

    @Test
    void literalsJoinedByPlusCountAsOneConstant() {
        String half = "\"" + "y".repeat(40_000) + "\"";
        assertTrue(StringConstantLimit.check("String s = " + half + " + " + half + ";").isPresent());
        assertTrue(StringConstantLimit.check("String s = " + half + "; String t = " + half + ";").isEmpty());
    }

    @Test
    void textBlocksCountTheirContent() {
        assertTrue(StringConstantLimit.check("String s = \"\"\"\n    " + BIG + "\n    \"\"\";").isPresent());
        assertTrue(StringConstantLimit.check("String s = \"\"\"\n    short\n    \"\"\"; String t = \"ok\";").isEmpty());
    }
}
