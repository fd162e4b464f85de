package dev.hearth.kernel.eval;

import dev.hearth.kernel.cell.DiscardingCellContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rooms' names ({@code ai}, {@code display(...)}) are declared when a cell first uses them or in
 * the background, so the first cell does not wait for all of them: every cell must still see them
 * as if they had been there from the start.
 */
class JShellEvaluatorDeclarationsTest {

    private static final List<JShellEvaluator.Binding> BINDINGS =
            List.of(new JShellEvaluator.Binding("greeting", "String", "hello"));
    private static final List<String> FUNCTIONS = List.of("String shout() { return greeting.toUpperCase(); }");

    private static String show(JShellEvaluator evaluator, String code) {
        return evaluator.eval(code, new DiscardingCellContext()).display();
    }

    @Test
    void aFirstCellUsingAFunctionSeesItAndWhatItNeeds() {
        try (JShellEvaluator evaluator = JShellEvaluator.start(List.of())) {
            evaluator.prepare(BINDINGS, FUNCTIONS);
            assertEquals("\"HELLO\"", show(evaluator, "shout()"));
            assertEquals("\"hello\"", show(evaluator, "greeting"));
        }
    }

    @Test
    void aUserDeclarationOfTheSameNameWinsOverTheBackground() throws Exception {
        try (JShellEvaluator evaluator = JShellEvaluator.start(List.of())) {
            evaluator.prepare(BINDINGS, FUNCTIONS);
            show(evaluator, "int greeting = 5;");
            waitUntilAllDeclared(evaluator);
            assertEquals("6", show(evaluator, "greeting + 1"), "the background did not overwrite the user's variable");
        }
    }

    @Test
    void listingAndCompletingSeeEveryName() {
        try (JShellEvaluator evaluator = JShellEvaluator.start(List.of())) {
            evaluator.prepare(BINDINGS, FUNCTIONS);
            assertTrue(evaluator.variableNames().contains("greeting"), evaluator.variableNames().toString());
            assertTrue(evaluator.complete("sho", 3).matches().stream().anyMatch(m -> m.startsWith("shout")),
                    evaluator.complete("sho", 3).matches().toString());
        }
    }

    @Test
    void theBackgroundDeclaresEverythingOnceTheSessionIsQuiet() throws Exception {
        try (JShellEvaluator evaluator = JShellEvaluator.start(List.of())) {
            evaluator.prepare(BINDINGS, FUNCTIONS);
            show(evaluator, "1 + 1");
            int before = evaluator.liveSnippetCount();
            waitUntilAllDeclared(evaluator);
            assertEquals(before + 2, evaluator.liveSnippetCount(), "greeting and shout() were declared");
        }
    }

    @Test
    void aCellArrivingDuringTheLastBackgroundDeclarationWaitsForIt() throws Exception {
        String property = "hearth.test.declaring." + System.nanoTime();
        String slow = "Object pause = ((java.util.function.Supplier<Object>) () -> { System.setProperty(\"" + property
                + "\", \"yes\"); try { Thread.sleep(400); } catch (InterruptedException e) { } return \"paused\"; }).get();";
        try (JShellEvaluator evaluator = JShellEvaluator.start(List.of())) {
            evaluator.prepare(List.of(), List.of(slow));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.getProperty(property) == null && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals("yes", System.getProperty(property), "the background started the declaration");
            // JShell is not thread-safe: this cell must not compile while the declaration runs
            show(evaluator, "int after = 41 + 1;");
            assertEquals("42", show(evaluator, "after"));
            assertEquals("\"paused\"", show(evaluator, "pause"));
        }
    }

    /** Waits (at most 30 s) for the background declarations: each is one live snippet. */
    private static void waitUntilAllDeclared(JShellEvaluator evaluator) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!evaluator.allDeclared() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(evaluator.allDeclared(), "the background declared everything within 30 s");
    }
}
