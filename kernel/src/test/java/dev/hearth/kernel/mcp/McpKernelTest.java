package dev.hearth.kernel.mcp;

import dev.hearth.kernel.testing.KernelClient;
import dev.hearth.kernel.testing.KernelClient.Exchange;
import dev.hearth.kernel.testing.KernelProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MCP servers from {@code mcp.json} through the real kernel process: {@code %mcp}, their tools in
 * {@code %actions}, {@code %act} and {@code actions.run}, interrupt, and no server left behind
 * when the kernel is killed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpKernelTest {

    @TempDir
    static Path dir;
    private Path notes;
    private KernelProcess kernel;
    private KernelClient client;

    private static String quoted(List<String> words) {
        return words.stream().map(w -> "\"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    private KernelProcess start(String homeName) throws Exception {
        Path home = Files.createDirectories(dir.resolve(homeName));
        List<String> ev = McpTestServers.everything();
        List<String> fs = McpTestServers.filesystem(notes);
        Files.writeString(home.resolve("mcp.json"), "{\"mcpServers\": {"
                + "\"ev\": {\"command\": \"" + ev.get(0) + "\", \"args\": [" + quoted(ev.subList(1, ev.size())) + "],"
                + " \"env\": {\"EV_API_TOKEN\": \"s3cret-token\"}},"
                + "\"fs\": {\"command\": \"" + fs.get(0) + "\", \"args\": [" + quoted(fs.subList(1, fs.size())) + "]}}}");
        return KernelProcess.start(home, Map.of("HEARTH_PLUGINS_BUNDLED", Files.createDirectories(dir.resolve("no-plugins")).toString()));
    }

    @BeforeAll
    void startKernel() throws Exception {
        notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("todo.md"), "- water the tulips\n");
        kernel = start("home");
        client = kernel.client();
    }

    @AfterAll
    void stop() {
        kernel.close();
    }

    @Test
    void serversAreListedAndTheirToolsAreActions() {
        Exchange before = client.execute("%mcp list");
        assertEquals("ok", before.status(), before.content().toString());
        assertTrue(before.resultText().contains("ev") && before.resultText().contains("(env: EV_API_TOKEN)"), before.resultText());
        assertFalse(before.resultText().contains("s3cret-token"), "secrets are never shown");
        String actions = client.execute("%actions").resultText();
        assertTrue(actions.matches("(?s).*fs\\.write_file\\s+path=TEXT content=TEXT\\s+⚠ yes.*"), actions);
        assertTrue(actions.matches("(?s).*ev\\.echo\\s+message=TEXT\\s+Echoes back the input.*"), actions);
        String after = client.execute("%mcp list").resultText();
        assertTrue(after.matches("(?s).*fs\\s+running\\s+1\\d.*"), after);
    }

    @Test
    void actAndJavaCellsRunTools() throws Exception {
        Exchange write = client.execute("%act fs.write_file path=" + notes.resolve("idea.md") + " content=\"Plant garlic\"");
        assertEquals("ok", write.status(), write.content().toString());
        assertEquals("Plant garlic", Files.readString(notes.resolve("idea.md")));
        Exchange sum = client.execute("actions.run(\"ev.get_sum\", Map.of(\"a\", 2, \"b\", 3)).text()");
        assertEquals("ok", sum.status(), sum.content().toString());
        assertTrue(sum.resultText().contains("5"), sum.resultText());
        Exchange image = client.execute("%act ev.get_tiny_image");
        Map<?, ?> data = (Map<?, ?>) image.iopub("execute_result").get(0).content().get("data");
        assertTrue(data.containsKey("image/png"), data.keySet().toString());
    }

    @Test
    void anInterruptStopsASlowTool() throws Exception {
        String id = client.submit("%act ev.trigger_long_running_operation duration=30 steps=3", Map.of());
        Thread.sleep(1500);
        long start = System.nanoTime();
        client.interrupt();
        Exchange done = client.await(id, 10_000);
        assertEquals("error", done.status());
        assertTrue(System.nanoTime() - start < 3_000_000_000L, "interrupt took too long");
        assertTrue(client.execute("%act ev.echo message=alive").resultText().contains("alive"));
    }

    @Test
    void noServerOutlivesAKilledKernel() throws Exception {
        try (KernelProcess doomed = start("home-killed")) {
            assertEquals("ok", doomed.client().execute("%actions").status());
            List<ProcessHandle> servers = doomed.process().descendants().toList();
            assertTrue(servers.stream().filter(p -> p.info().command().orElse("").endsWith("node")).count() >= 2,
                    servers.stream().map(p -> p.info().commandLine().orElse("?")).toList().toString());
            doomed.process().destroyForcibly();
            long end = System.currentTimeMillis() + 6000;
            while (servers.stream().anyMatch(ProcessHandle::isAlive) && System.currentTimeMillis() < end) {
                Thread.sleep(100);
            }
            assertEquals(List.of(), servers.stream().filter(ProcessHandle::isAlive)
                    .map(p -> p.info().commandLine().orElse("?")).toList());
        }
    }
}
