package dev.hearth.kernel.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavadocTextTest {

    @Test
    void htmlParagraphsListsAndEntitiesBecomeReadableText() {
        JavadocText.Rendered rendered = JavadocText.render("""
                 Splits the text.
                 <p>Use {@linkplain java.util.regex.Pattern a pattern} &amp; {@literal <b>}:
                 <ul>
                 <li>one</li>
                 <li>two</li>
                 </ul>
                 @throws IllegalArgumentException when {@code n < 0}
                 @since 17
                """);
        assertEquals("""
                Splits the text.

                Use a pattern & <b>:

                  - one
                  - two

                Throws:
                  - IllegalArgumentException – when n < 0

                Since:
                  - 17""", rendered.text());
        assertTrue(rendered.html().contains("<code>n &lt; 0</code>"), rendered.html());
    }

    @Test
    void linksReadAsTypeDotMember() {
        assertEquals("See List.of(E...) and max.", JavadocText.render("See {@link java.util.List#of(E...)} and {@link #max}.").text());
    }
}
