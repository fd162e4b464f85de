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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests other than plain execution, and hostile input, through the real kernel process. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelProtocolTest {

    @TempDir
    static Path dir;
    private KernelProcess kernel;
    private KernelClient client;

    @BeforeAll
    void start() throws Exception {
        kernel = KernelProcess.start(dir.resolve("home"), Map.of("HEARTH_MAX_MESSAGE_BYTES", "100000",
                "HEARTH_LOG_LEVEL", "WARNING"));
        client = kernel.client();
    }

    @AfterAll
    void stop() {
        kernel.close();
    }

    @Test
    void kernelInfoDeclaresProtocolAndLanguage() {
        Exchange info = client.request("kernel_info_request", Map.of(), 10_000);
        assertEquals("ok", info.status());
        assertEquals("5.3", info.content().get("protocol_version"));
        Map<?, ?> language = (Map<?, ?>) info.content().get("language_info");
        assertEquals("java", language.get("name"));
        assertEquals(".jshell", language.get("file_extension"));
        assertTrue(client.heartbeat(5000));
    }

    private void assertNoAnswerAndStillAlive(Runnable send) {
        send.run();
        Exchange after = client.request("kernel_info_request", Map.of(), 10_000);
        assertEquals("ok", after.status(), "the kernel still answers");
        assertTrue(kernel.process().isAlive());
    }

    @Test
    void forgedSignatureIsDroppedAndNeverRuns() {
        List<byte[]> frames = new ArrayList<>(client.encodeRequest("execute_request",
                Map.of("code", "int forged = 1;", "silent", false)));
        frames.set(1, "0".repeat(64).getBytes(StandardCharsets.US_ASCII));
        assertNoAnswerAndStillAlive(() -> client.sendRawShell(frames));
        assertEquals("error", client.execute("forged").status(), "the forged cell did not run");
        assertTrue(kernel.log().contains("bad signature"), kernel.log());
    }

    @Test
    void missingSignatureIsDropped() {
        List<byte[]> frames = new ArrayList<>(client.encodeRequest("execute_request",
                Map.of("code", "int unsigned = 1;", "silent", false)));
        frames.set(1, new byte[0]);
        assertNoAnswerAndStillAlive(() -> client.sendRawShell(frames));
        assertEquals("error", client.execute("unsigned").status());
    }

    @Test
    void replayedMessageRunsOnlyOnce() {
        List<byte[]> frames = client.encodeRequest("execute_request",
                Map.of("code", "replays++;", "silent", false, "store_history", false));
        client.execute("int replays = 0;");
        client.sendRawShell(frames);
        assertNoAnswerAndStillAlive(() -> client.sendRawShell(frames));
        long deadline = System.currentTimeMillis() + 5000;
        String value = client.execute("replays").resultText();
        while (!"1".equals(value) && System.currentTimeMillis() < deadline) {
            value = client.execute("replays").resultText();
        }
        assertEquals("1", value);
        assertTrue(kernel.log().contains("replayed"), kernel.log());
    }

    @Test
    void garbageFramesAreSurvived() {
        assertNoAnswerAndStillAlive(() -> client.sendRawShell(List.of("junk".getBytes(StandardCharsets.UTF_8))));
        assertNoAnswerAndStillAlive(() -> {
            List<byte[]> frames = new ArrayList<>(client.encodeRequest("kernel_info_request", Map.of()));
            frames.set(2, "{not json".getBytes(StandardCharsets.UTF_8));
            client.sendRawShell(frames);
        });
        assertNoAnswerAndStillAlive(() -> client.sendRawShell(List.of("<IDS|MSG>".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void oversizedMessageIsRefusedWithAnErrorReply() throws Exception {
        List<byte[]> frames = client.encodeRequest("execute_request",
                Map.of("code", "// " + "x".repeat(200_000), "silent", false));
        client.sendRawShell(frames);
        Exchange refused = client.await(msgId(frames), 10_000);
        assertEquals("error", refused.status());
        assertEquals("MessageRefused", refused.content().get("ename"));
        assertTrue(String.valueOf(refused.content().get("evalue")).contains("exceeds the limit of 100000"),
                String.valueOf(refused.content()));
        assertEquals(1, refused.iopub("error").size(), "the cell shows why");
        assertNoAnswerAndStillAlive(() -> { });
    }

    static String msgId(List<byte[]> frames) throws java.io.IOException {
        int delimiter = 0;
        while (!java.util.Arrays.equals(frames.get(delimiter), dev.hearth.kernel.protocol.WireCodec.DELIMITER)) {
            delimiter++;
        }
        return String.valueOf(new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(frames.get(delimiter + 2), Map.class).get("msg_id"));
    }

    @Test
    void unknownRequestTypeDoesNotCrash() {
        assertNoAnswerAndStillAlive(() -> client.sendRawShell(client.encodeRequest("frobnicate_request", Map.of())));
    }

    @Test
    void commInfoIsEmptyButValid() {
        Exchange comms = client.request("comm_info_request", Map.of(), 10_000);
        assertEquals(Map.of("status", "ok", "comms", Map.of()), comms.content());
    }

    @Test
    void completionFromJShellAndMagicNames() {
        Exchange java = client.request("complete_request", Map.of("code", "String s = \"x\"; s.toUpp", "cursor_pos", 23), 10_000);
        assertTrue(((List<?>) java.content().get("matches")).contains("toUpperCase("), java.content().toString());
        assertEquals(18, java.content().get("cursor_start"));
        Exchange magic = client.request("complete_request", Map.of("code", "%lsm", "cursor_pos", 4), 10_000);
        assertEquals(List.of("%lsmagic"), magic.content().get("matches"));
        Exchange flag = client.request("complete_request", Map.of("code", "%config --un", "cursor_pos", 12), 10_000);
        assertEquals(List.of("--unset"), flag.content().get("matches"));
    }

    @Test
    void inspectionShowsSignatureAndJavadoc() {
        Exchange inspect = client.request("inspect_request", Map.of("code", "Math.max(1, 2)", "cursor_pos", 8,
                "detail_level", 0), 10_000);
        assertEquals(true, inspect.content().get("found"));
        String text = String.valueOf(((Map<?, ?>) inspect.content().get("data")).get("text/plain"));
        assertTrue(text.contains("int Math.max(int a, int b)"), text);
        assertTrue(java.nio.file.Files.exists(Path.of(System.getProperty("java.home"), "lib", "src.zip")),
                "Javadoc needs the JDK's lib/src.zip (Debian: apt-get install openjdk-17-source)");
        assertTrue(text.contains("greater of two"), "Javadoc: " + text);
        assertTrue(text.contains("Returns the greater of two int values."), "inline tags resolved: " + text);
        assertTrue(text.contains("closer to the value of Integer.MAX_VALUE."), "{@link A#b} reads A.b: " + text);
        assertTrue(text.contains("Parameters:\n  - a – an argument.\n  - b – another argument."), text);
        assertTrue(text.contains("Returns:\n  - the larger of a and b."), text);
        assertFalse(text.contains("{@") || text.contains("@param"), text);
        String html = String.valueOf(((Map<?, ?>) inspect.content().get("data")).get("text/html"));
        assertTrue(html.contains("<code>int</code>") && html.contains("<li><code>a</code> – an argument.</li>"), html);
        Exchange page = client.execute("Math.abs?");
        Map<?, ?> payload = (Map<?, ?>) ((List<?>) page.content().get("payload")).get(0);
        assertEquals("page", payload.get("source"));
    }

    @Test
    void isCompleteGivesStatusAndIndent() {
        assertEquals("complete", client.request("is_complete_request", Map.of("code", "int x = 1;"), 10_000)
                .content().get("status"));
        Exchange open = client.request("is_complete_request", Map.of("code", "for (int i = 0; i < 3; i++) {"), 10_000);
        assertEquals("incomplete", open.content().get("status"));
        assertEquals("    ", open.content().get("indent"));
        assertEquals("invalid", client.request("is_complete_request", Map.of("code", "int x = 1; }"), 10_000)
                .content().get("status"));
        assertEquals("incomplete", client.request("is_complete_request", Map.of("code", "%%time"), 10_000)
                .content().get("status"));
    }

    @Test
    void historyTailRangeAndSearch() {
        client.execute("String historyMarker = \"h1\";");
        client.execute("historyMarker + \"2\"");
        Exchange tail = client.request("history_request", Map.of("hist_access_type", "tail", "n", 2, "output", true,
                "raw", true), 10_000);
        List<?> rows = (List<?>) tail.content().get("history");
        assertEquals(2, rows.size());
        List<?> last = (List<?>) rows.get(1);
        assertEquals(List.of("historyMarker + \"2\"", "\"h12\""), last.get(2));
        Exchange search = client.request("history_request", Map.of("hist_access_type", "search",
                "pattern", "String historyMarker*", "n", 5, "output", false, "raw", true), 10_000);
        assertEquals(1, ((List<?>) search.content().get("history")).size());
        int line = ((Number) last.get(1)).intValue();
        Exchange range = client.request("history_request", Map.of("hist_access_type", "range", "session", 0,
                "start", line, "stop", line + 1, "output", false, "raw", true), 10_000);
        assertEquals(List.of(List.of(last.get(0), line, "historyMarker + \"2\"")), range.content().get("history"));
    }

    private void assertInterrupts(String setup, String code) {
        if (!setup.isEmpty()) {
            assertEquals("ok", client.execute(setup).status());
        }
        client.execute("int survivor = 7;");
        String id = code.contains("System.in")
                ? client.submit(code, Map.of("allow_stdin", true)) : client.submit(code, Map.of());
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertEquals("ok", client.interrupt().status());
        Exchange interrupted = client.await(id, 10_000);
        assertEquals("error", interrupted.status());
        assertEquals("Interrupted", interrupted.content().get("ename"));
        assertTrue(String.valueOf(interrupted.content().get("evalue")).contains("interrupted"));
        Exchange after = client.execute("survivor + 1");
        assertEquals("8", after.resultText(), "the next cell runs with earlier state intact");
    }

    @Test
    void interruptStopsABusyLoop() {
        assertInterrupts("", "while (true) { }");
    }

    @Test
    void interruptStopsASleep() {
        assertInterrupts("", "Thread.sleep(60_000);");
    }

    @Test
    void interruptStopsABlockingRead() throws Exception {
        client.execute("int survivor = 7;");
        String id = client.submit("System.in.read()", Map.of("allow_stdin", true));
        Thread.sleep(500);
        assertEquals("ok", client.interrupt().status());
        // The client never answers the input_request: the read stays blocked until the interrupt.
        Exchange interrupted = client.awaitWithoutAnsweringInput(id, 10_000);
        assertEquals(1, interrupted.inputRequests().size(), "the read asked the front end for input");
        assertEquals("Interrupted", interrupted.content().get("ename"));
        assertEquals("8", client.execute("survivor + 1").resultText());
    }

    @Test
    void magicsListHelpAndReportBadUse() {
        Exchange list = client.execute("%lsmagic");
        assertTrue(list.resultText().contains("%time"), list.resultText());
        Exchange unknown = client.execute("%nosuchmagic");
        assertEquals("UsageError", unknown.content().get("ename"));
        assertTrue(String.valueOf(unknown.content().get("evalue")).contains("Unknown magic %nosuchmagic"));
        Exchange badFlag = client.execute("%config --bogus 1");
        String message = String.valueOf(badFlag.content().get("evalue"));
        assertTrue(message.contains("unknown option --bogus") && message.contains("Usage: %config"), message);
        Exchange help = client.execute("%help time");
        assertTrue(help.resultText().contains("Usage: %time"), help.resultText());
    }

    private static String html(Exchange exchange) {
        return String.valueOf(((Map<?, ?>) exchange.iopub("execute_result").get(0).content().get("data")).get("text/html"));
    }

    @Test
    void lsmagicAndHelpAreLeftAlignedHtmlTablesWithPlainTextForConsoles() {
        Exchange list = client.execute("%lsmagic");
        String table = html(list);
        assertTrue(table.contains("<table style=\"text-align:left\">"), table);
        assertTrue(table.contains("<code>%time CODE | %%time</code></td>") || table.contains("<code>%time"), table);
        assertTrue(table.contains("white-space:nowrap"), "usages never wrap mid-word: " + table);
        assertFalse(table.contains("<td>"), "every cell is left-aligned explicitly");
        Exchange help = client.execute("%help config");
        String options = html(help);
        assertTrue(options.contains("<code>--unset"), options);
        assertTrue(help.resultText().startsWith("Usage: %config"), help.resultText());
    }

    @Test
    void timeReportsWallTimeAndKeepsTheValue() {
        Exchange line = client.execute("%time 6 * 7");
        assertEquals("42", line.resultText());
        assertTrue(line.stream("stdout").startsWith("Wall time: "), line.stream("stdout"));
        Exchange cell = client.execute("%%time\nint timed = 5;\ntimed * 2");
        assertEquals("10", cell.resultText());
    }

    @Test
    void configSetsForTheSessionAndNeverShowsSecrets() {
        client.execute("%config demo.url=http://localhost:9");
        assertTrue(client.execute("%config demo.url").resultText().contains("http://localhost:9  (session)"));
        client.execute("%config openai.api.key=sk-very-secret");
        Exchange all = client.execute("%config");
        assertFalse(all.iopub().toString().contains("sk-very-secret"), "a secret leaked into output");
        assertTrue(all.resultText().contains("openai.api.key = ******** (set)"), all.resultText());
    }

    @Test
    void classpathAddsJarsForLaterCells(@TempDir Path classes) throws Exception {
        Path source = classes.resolve("Greeter.java");
        java.nio.file.Files.writeString(source,
                "package demo; public class Greeter { public static String hi() { return \"hi from jar\"; } }");
        javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString());
        Exchange added = client.execute("%classpath " + classes);
        assertEquals("ok", added.status(), added.content().toString());
        assertEquals("\"hi from jar\"", client.execute("demo.Greeter.hi()").resultText());
        Exchange missing = client.execute("%classpath /no/such/dir");
        assertTrue(String.valueOf(missing.content().get("evalue")).contains("nothing found at /no/such/dir"));
    }
}
