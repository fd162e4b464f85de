package dev.hearth.kernel.session;

import dev.hearth.kernel.protocol.Message;
import dev.hearth.kernel.testing.KernelClient;
import dev.hearth.kernel.testing.KernelClient.Exchange;
import dev.hearth.kernel.testing.KernelProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java cells through the real kernel process: values, state, output, errors, display. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelExecutionTest {

    @TempDir
    static Path dir;
    private KernelProcess kernel;
    private KernelClient client;

    @BeforeAll
    void start() throws Exception {
        kernel = KernelProcess.start(dir);
        client = kernel.client();
    }

    @AfterAll
    void stop() {
        kernel.close();
    }

    private static List<String> types(Exchange exchange) {
        return exchange.iopub().stream().map(Message::msgType).toList();
    }

    @Test
    void lastExpressionIsTheResultAndStatePersists() {
        Exchange first = client.execute("import java.util.stream.*;\nint base = 40;\nint add(int a) { return base + a; }\nadd(2)");
        assertEquals("ok", first.status());
        assertEquals("42", first.resultText());
        Exchange second = client.execute("base += 1;\nadd(1)");
        assertEquals("42", second.resultText(), "variables and methods from the earlier cell are still there");
    }

    @Test
    void busyFirstIdleLastWithExecuteInputEchoingTheCode() {
        Exchange exchange = client.execute("1 + 1");
        List<String> types = types(exchange);
        assertEquals("status", types.get(0));
        assertEquals("busy", exchange.iopub().get(0).content().get("execution_state"));
        assertEquals("execute_input", types.get(1));
        assertEquals("1 + 1", exchange.iopub().get(1).content().get("code"));
        assertEquals("idle", exchange.iopub().get(types.size() - 1).content().get("execution_state"));
        long idleAt = exchange.arrival(exchange.iopub().get(types.size() - 1));
        long resultAt = exchange.arrival(exchange.iopub("execute_result").get(0));
        assertTrue(resultAt <= idleAt, "the result comes before idle");
    }

    @Test
    void stdoutStreamsWhileTheCellRunsIncludingFromThreadsItStarts() {
        Exchange exchange = client.execute("""
                System.out.println("before");
                Thread.sleep(800);
                var t = new Thread(() -> System.err.println("from a thread"));
                t.start(); t.join();
                System.out.println("after");
                """);
        assertEquals("ok", exchange.status());
        assertEquals("before\nafter\n", exchange.stream("stdout"));
        assertEquals("from a thread\n", exchange.stream("stderr"));
        Message before = exchange.iopub("stream").get(0);
        assertEquals("before\n", before.content().get("text"));
        long gapMillis = (exchange.arrival(exchange.reply()) - exchange.arrival(before)) / 1_000_000;
        assertTrue(gapMillis >= 500, "the first line arrived " + gapMillis + " ms before the reply, not at the end");
    }

    @Test
    void compileErrorNamesLineAndColumnAndIsTheOnlyOutput() {
        Exchange exchange = client.execute("int ok = 1;\nint broken = notDefined + 1;");
        assertEquals("error", exchange.status());
        assertEquals("CompileError", exchange.content().get("ename"));
        assertTrue(String.valueOf(exchange.content().get("evalue")).startsWith("line 2, column 14: cannot find symbol"),
                String.valueOf(exchange.content().get("evalue")));
        List<String> outputs = types(exchange).stream().filter(t -> !t.equals("status") && !t.equals("execute_input")).toList();
        assertEquals(List.of("error"), outputs);
    }

    @Test
    void runtimeExceptionShowsTheUsersFramesOnly() {
        Exchange exchange = client.execute("int divide(int a, int b) {\n  return a / b;\n}\nint z = 0;\ndivide(1, z)");
        assertEquals("java.lang.ArithmeticException", exchange.content().get("ename"));
        assertEquals("/ by zero", exchange.content().get("evalue"));
        @SuppressWarnings("unchecked")
        List<String> traceback = (List<String>) exchange.content().get("traceback");
        String trace = String.join("\n", traceback);
        assertTrue(trace.startsWith("java.lang.ArithmeticException: / by zero"), trace);
        assertTrue(trace.contains("divide(line 2)"), trace);
        assertFalse(trace.contains("jdk.jshell") || trace.contains("dev.hearth") || trace.contains("reflect"), trace);
        assertEquals(1, exchange.iopub("error").size());
    }

    @Test
    void displayUpdateAndClearOutput() {
        Exchange exchange = client.execute("""
                var h = display(markdown("**working**"));
                updateDisplay(h, html("<b>done</b>"));
                clearOutput(true);
                """);
        Message shown = exchange.iopub("display_data").get(0);
        Message updated = exchange.iopub("update_display_data").get(0);
        @SuppressWarnings("unchecked")
        String id = ((Map<String, String>) shown.content().get("transient")).get("display_id");
        assertNotNull(id);
        assertEquals(Map.of("display_id", id), updated.content().get("transient"));
        assertEquals("**working**", ((Map<?, ?>) shown.content().get("data")).get("text/markdown"));
        assertEquals("<b>done</b>", ((Map<?, ?>) updated.content().get("data")).get("text/html"));
        assertEquals(Map.of("wait", true), exchange.iopub("clear_output").get(0).content());
    }

    @Test
    void objectThatSuppliesItsOwnBundleRendersRichly() {
        Exchange exchange = client.execute("""
                record Temperature(double c) implements RichDisplay {
                    public MimeBundle toMimeBundle() {
                        return MimeBundle.html("<i>" + c + " °C</i>", c + " C");
                    }
                }
                new Temperature(21.5)
                """);
        Map<?, ?> data = (Map<?, ?>) exchange.iopub("execute_result").get(0).content().get("data");
        assertEquals("<i>21.5 °C</i>", data.get("text/html"));
        assertEquals("21.5 C", data.get("text/plain"));
    }

    @Test
    void pngAndJsonBundles() {
        Exchange exchange = client.execute("""
                var img = new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
                var bytes = new ByteArrayOutputStream();
                javax.imageio.ImageIO.write(img, "png", bytes);
                display(png(bytes.toByteArray()));
                json(Map.of("answer", 42))
                """);
        Map<?, ?> image = (Map<?, ?>) exchange.iopub("display_data").get(0).content().get("data");
        assertTrue(String.valueOf(image.get("image/png")).startsWith("iVBORw0KGgo"), "base64 of a PNG header");
        Map<?, ?> json = (Map<?, ?>) exchange.iopub("execute_result").get(0).content().get("data");
        assertEquals(Map.of("answer", 42), json.get("application/json"));
    }

    @Test
    void executionCountGrowsOnlyForStoredExecutions() {
        int before = ((Number) client.execute("1").content().get("execution_count")).intValue();
        Exchange notStored = client.await(client.submit("2", Map.of("store_history", false)), 30_000);
        assertEquals(before, ((Number) notStored.content().get("execution_count")).intValue());
        Exchange silent = client.await(client.submit("int silentVar = 3;", Map.of("silent", true)), 30_000);
        assertEquals(before, ((Number) silent.content().get("execution_count")).intValue());
        assertEquals(List.of("status", "status"), types(silent), "silent: no execute_input, no output");
        Exchange stored = client.execute("silentVar");
        assertEquals(before + 1, ((Number) stored.content().get("execution_count")).intValue());
        assertEquals("3", stored.resultText(), "the silent cell did run");
    }

    @Test
    void userExpressionsAreEvaluatedAfterTheCell() {
        Exchange exchange = client.await(client.submit("int ue = 6;",
                Map.of("user_expressions", Map.of("double", "ue * 2", "bad", "nope("))), 30_000);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> results = (Map<String, Map<String, Object>>) exchange.content().get("user_expressions");
        assertEquals("ok", results.get("double").get("status"));
        assertEquals("12", ((Map<?, ?>) results.get("double").get("data")).get("text/plain"));
        assertEquals("error", results.get("bad").get("status"));
    }

    @Test
    void stdinGoesThroughTheFrontEndWhenAllowed() {
        Exchange exchange = client.executeWithInput(
                "var reader = new BufferedReader(new InputStreamReader(System.in));\n\"got \" + reader.readLine()",
                prompt -> "typed text", 30_000);
        assertEquals(1, exchange.inputRequests().size());
        assertEquals("\"got typed text\"", exchange.resultText());
    }

    @Test
    void readingStdinWhenNotAllowedIsAClearError() {
        Exchange exchange = client.execute("new Scanner(System.in).nextLine()");
        assertEquals("error", exchange.status());
        String trace = String.join("\n", ((List<?>) exchange.content().get("traceback")).stream().map(String::valueOf).toList());
        assertTrue(trace.contains("does not accept input"), trace);
    }

    @Test
    void stopOnErrorAbortsTheQueuedExecutions() {
        String failing = client.submit("throw new IllegalStateException(\"boom\");", Map.of());
        String queued1 = client.submit("int abortedA = 1;", Map.of());
        String queued2 = client.submit("int abortedB = 2;", Map.of());
        assertEquals("error", client.await(failing, 30_000).status());
        assertEquals("aborted", client.await(queued1, 30_000).status());
        assertEquals("aborted", client.await(queued2, 30_000).status());
        Exchange check = client.execute("abortedA");
        assertEquals("error", check.status(), "the aborted cell never ran");
    }

    @Test
    void javaExamplesOfTheReadmeRunAsWritten() throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("..", "README.md"));
        java.util.regex.Matcher blocks = java.util.regex.Pattern.compile("```java\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(readme);
        int count = 0;
        while (blocks.find()) {
            Exchange exchange = client.execute(blocks.group(1));
            assertEquals("ok", exchange.status(), blocks.group(1) + "\n" + exchange.content());
            count++;
        }
        assertTrue(count > 0, "the README has Java examples");
        assertEquals("30", client.execute("expenses.stream().mapToInt(Expense::amount).sum()").resultText());
    }

    @Test
    void stopOnErrorFalseLetsTheQueueRun() {
        String failing = client.submit("throw new IllegalStateException(\"boom\");", Map.of("stop_on_error", false));
        String next = client.submit("int keptGoing = 1;", Map.of());
        assertEquals("error", client.await(failing, 30_000).status());
        assertEquals("ok", client.await(next, 30_000).status());
    }

    @Test
    void outReturnsAnEarlierCellsResultObject() {
        Exchange answer = client.execute("21 * 2");
        int n = ((Number) answer.content().get("execution_count")).intValue();
        Exchange names = client.execute("List.of(\"ada\", \"grace\")");
        int m = ((Number) names.content().get("execution_count")).intValue();
        assertEquals("84", client.execute("int doubled = out(" + n + ");\ndoubled * 2").resultText());
        assertEquals("\"grace\"", client.execute("List<String> people = out(" + m + ");\npeople.get(1)").resultText(),
                "the object itself, not its text");
        Exchange none = client.execute("Object nothing = out(" + (m + 1000) + ");");
        assertEquals("error", none.status());
        assertTrue(String.valueOf(none.content().get("evalue")).contains("Out[" + (m + 1000) + "] has no value"),
                none.content().toString());
    }
}
