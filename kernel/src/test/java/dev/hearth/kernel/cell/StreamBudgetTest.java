package dev.hearth.kernel.cell;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamBudgetTest {

    @Test
    void textPassesUntilTheLimitThenOneNoteCountsTheRest() {
        StreamBudget budget = new StreamBudget(10);
        assertEquals("12345", budget.admit("12345"));
        assertEquals("67890", budget.admit("67890" + "x".repeat(2045)));
        assertEquals("", budget.admit("y".repeat(1024)));
        assertEquals(3069, budget.dropped());
        assertEquals("\n[output truncated, 3.0 KB more; output.max.bytes=10 sets the limit]\n".replace("\n", System.lineSeparator()),
                budget.takeNote().orElseThrow());
        assertTrue(budget.takeNote().isEmpty(), "once");
    }

    @Test
    void theLimitCountsUtf8BytesAndNeverSplitsACharacter() {
        StreamBudget budget = new StreamBudget(5);
        assertEquals("€", budget.admit("€€"), "3 bytes fit, 6 do not");
        assertEquals(3, budget.dropped());
        StreamBudget emoji = new StreamBudget(4);
        assertEquals("a", emoji.admit("a\uD83D\uDE00\uD83D\uDE00"), "never half of a surrogate pair");
        assertEquals(8, emoji.dropped());
    }

    @Test
    void noNoteWhenNothingWasDropped() {
        StreamBudget budget = new StreamBudget(100);
        budget.admit("short");
        assertTrue(budget.takeNote().isEmpty());
    }
}
