package dev.hearth.kernel.session;

import dev.hearth.kernel.testing.KernelClient;
import dev.hearth.kernel.testing.KernelClient.Exchange;
import dev.hearth.kernel.testing.KernelProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watchdog: whatever a cell, a magic or a result throws (Errors included), the request ends
 * with a reply and idle, the cell shows a readable error, and the next cell runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelSurvivalTest {

    @TempDir
    static Path dir;
    private KernelProcess kernel;
    private KernelClient client;

    @BeforeAll
    void start() throws Exception {
        kernel = KernelProcess.start(dir.resolve("home"), Map.of("HEARTH_LOG_LEVEL", "DEBUG"));
        client = kernel.client();
        // %ai interpolates {name} with the variable's toString() inside the magic, outside JShell:
        // a value whose toString() throws makes the magic itself throw it.
        Exchange declared = client.execute("""
                class Boom {
                    final String kind;
                    Boom(String kind) { this.kind = kind; }
                    int depth(int n) { return depth(n + 1) + 1; }
                    @Override public String toString() {
                        switch (kind) {
                            case "StackOverflowError": return "" + depth(0);
                            case "OutOfMemoryError": return "" + new long[Integer.MAX_VALUE - 8].length;
                            case "NoClassDefFoundError": throw new NoClassDefFoundError("com/example/Gone");
                            case "ServiceConfigurationError": throw new java.util.ServiceConfigurationError(
                                    "dev.langchain4j.spi.Factory: Provider com.example.Gone not found");
                            default: throw new IllegalStateException("toString failed on purpose");
                        }
                    }
                }
                int kept = 7;
                """);
        assertEquals("ok", declared.status(), String.valueOf(declared.content()));
    }

    @AfterAll
    void stop() {
        kernel.close();
    }

    @ParameterizedTest
    @CsvSource({"StackOverflowError", "OutOfMemoryError", "NoClassDefFoundError", "ServiceConfigurationError"})
    void aMagicThatThrowsAnErrorEndsWithAnErrorReplyAndTheNextCellRuns(String error) {
        client.execute("var boom = new Boom(\"" + error + "\");");
        Exchange failed = client.execute("%ai {boom}", 30_000);
        assertEquals("error", failed.status(), String.valueOf(failed.content()));
        assertEquals(error, failed.content().get("ename"), String.valueOf(failed.content()));
        assertEquals(1, failed.iopub("error").size(), "the cell shows the error");
        String shown = String.valueOf(failed.iopub("error").get(0).content().get("traceback"));
        assertTrue(shown.contains(error), shown);
        assertEquals("idle", failed.iopub().get(failed.iopub().size() - 1).content().get("execution_state"));

        Exchange next = client.execute("1 + 1", 30_000);
        assertEquals("2", next.resultText(), "the shell still runs cells after " + error);
        assertTrue(kernel.log().contains(error), "the cause is in the kernel's log:\n" + kernel.log());
    }

    @Test
    void aResultWhoseToStringThrowsShowsThatError() {
        Exchange exchange = client.execute("new Boom(\"other\")");
        assertEquals("error", exchange.status(), String.valueOf(exchange.content()));
        assertTrue(String.valueOf(exchange.content().get("evalue")).contains("toString failed on purpose"),
                String.valueOf(exchange.content()));
        assertEquals(1, exchange.iopub("error").size());
        assertEquals("2", client.execute("1 + 1").resultText());
    }

    @Test
    void theStandardStreamsAreNotShownAsAResult() {
        Exchange printf = client.execute("System.out.printf(\"%d apples%n\", 3)");
        assertEquals("ok", printf.status());
        assertEquals("3 apples\n", printf.stream("stdout"));
        assertNull(printf.resultText(), "no java.io.PrintStream@... result");
        Exchange append = client.execute("System.err.append(\"warned\\n\")");
        assertEquals("warned\n", append.stream("stderr"));
        assertNull(append.resultText());
        Exchange value = client.execute("new StringBuilder(\"sb\").append('!')");
        assertEquals("sb!", value.resultText(), "other values are still shown");
    }

    @Test
    void compileErrorsNameTheUserCodeNotJShellsWrapperClass() {
        Exchange exchange = client.execute("int x = 1;\nundefinedName + x");
        assertEquals("CompileError", exchange.content().get("ename"));
        String shown = String.valueOf(exchange.content().get("traceback"));
        assertTrue(shown.contains("symbol:   variable undefinedName"), shown);
        assertFalse(shown.contains("location: class"), shown);
    }

    @Test
    void aStringOverJacksonsDefaultLimitButWithinTheMessageLimitIsServed() throws Exception {
        List<byte[]> frames = client.encodeRequest("kernel_info_request", Map.of("padding", "p".repeat(21_000_000)));
        client.sendRawShell(frames);
        Exchange info = client.await(KernelProtocolTest.msgId(frames), 30_000);
        assertEquals("ok", info.status(), "not dropped: the parser's limits follow max.message.bytes");
    }

    @Test
    void anAuthenticRequestWithUnreadableContentGetsAnErrorReply() throws Exception {
        List<byte[]> frames = new ArrayList<>(client.encodeRequest("execute_request", Map.of("code", "1")));
        int content = frames.size() - 1;
        byte[] deep = ("{\"code\": " + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);
        frames.set(content, deep);
        frames.set(content - 4, client.signer().sign(frames.get(content - 3), frames.get(content - 2),
                frames.get(content - 1), deep).getBytes(StandardCharsets.US_ASCII));
        client.sendRawShell(frames);
        Exchange refused = client.await(KernelProtocolTest.msgId(frames), 10_000);
        assertEquals("error", refused.status());
        assertEquals("MessageRefused", refused.content().get("ename"));
        assertTrue(String.valueOf(refused.content().get("evalue")).contains("content is not a JSON object"),
                String.valueOf(refused.content()));
        assertEquals("2", client.execute("1 + 1").resultText());
    }

    @Test
    void runawayOutputIsCoalescedAndCappedWithOneNote() {
        assertEquals("ok", client.execute("%config output.max.bytes=1000000").status());
        try {
            Exchange flood = client.execute("""
                    String line = "z".repeat(99);
                    for (int i = 0; i < 300_000; i++) System.out.println(line);
                    """, 120_000);
            assertEquals("ok", flood.status());
            assertEquals(1_000_000, flood.stream("stdout").length(), "exactly the limit reaches the client");
            assertEquals("\n[output truncated, 27.7 MB more; output.max.bytes=1000000 sets the limit]\n",
                    flood.stream("stderr"));
            assertTrue(flood.iopub("stream").size() < 100, "coalesced: " + flood.iopub("stream").size() + " messages");
            Exchange next = client.execute("System.out.println(\"fresh budget\")");
            assertEquals("fresh budget\n", next.stream("stdout"));
        } finally {
            client.execute("%config --unset output.max.bytes");
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: before the fix it broke the session
    void aStringLiteralOverTheClassFileLimitIsACompileErrorAndTheSessionStaysIntact() {
        String huge = "a".repeat(70_000);
        Exchange exchange = client.execute("String big = \"" + huge + "\";\nbig.length()", 60_000);
        assertEquals("error", exchange.status(), "not ok: the constant cannot be compiled");
        assertTrue(String.valueOf(exchange.content().get("evalue")).contains("65535"),
                String.valueOf(exchange.content().get("evalue")));
        assertFalse(String.valueOf(exchange.content().get("evalue")).contains(huge));
        assertEquals("2", client.execute("1 + 1").resultText(), "later cells answer");
        assertEquals("7", client.execute("kept").resultText(), "earlier declarations are kept");
        assertEquals("ok", client.execute("new Boom(\"x\").kind").status());
    }
}
