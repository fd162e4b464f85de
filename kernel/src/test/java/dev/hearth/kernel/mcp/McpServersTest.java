package dev.hearth.kernel.mcp;

import dev.hearth.api.Action;
import dev.hearth.api.ActionCancelledException;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.Cancellation;
import dev.hearth.api.MimeBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MCP servers from npm as action sources: tools, results, failures, interrupts and process clean-up. */
class McpServersTest {

    @TempDir
    Path dir;
    private McpServers servers;

    private McpServers servers(Duration callTimeout, McpServerConfig... configs) {
        return servers(new McpTimeouts(Duration.ofSeconds(30), callTimeout), configs);
    }

    private McpServers servers(McpTimeouts timeouts, McpServerConfig... configs) {
        servers = new McpServers(new McpConfigFile(dir.resolve("mcp.json")), timeouts, Cancellation::none);
        for (McpServerConfig config : configs) {
            servers.add(config);
        }
        return servers;
    }

    @AfterEach
    void close() {
        if (servers != null) {
            servers.close();
        }
    }

    private static ActionResult run(Action action, Map<String, ?> input, Cancellation cancellation) throws Exception {
        return action.invoke(action.spec().validate(input), ActionContext.builder().cancellation(cancellation).build());
    }

    private Action action(String name) {
        return servers.find(name).orElseThrow(() -> new AssertionError("no action " + name));
    }

    @Test
    void everyToolIsAnActionAndOnlyReadOnlyToolsAreFreeOfSideEffects() throws Exception {
        Path root = Files.createDirectories(dir.resolve("notes"));
        servers(Duration.ofSeconds(30), McpServerConfig.process("fs", McpTestServers.filesystem(root), Map.of()));
        assertEquals("not started", servers.list().get(0).state());
        Map<String, ActionSpec> specs = new java.util.HashMap<>();
        servers.actions().forEach(a -> specs.put(a.spec().name(), a.spec()));
        assertFalse(specs.get("fs.read_text_file").sideEffects());
        assertTrue(specs.get("fs.write_file").sideEffects());
        assertTrue(specs.get("fs.read_text_file").param("path").orElseThrow().required());
        assertEquals("running", servers.list().get(0).state());
        assertEquals(specs.size(), servers.list().get(0).tools());

        run(action("fs.write_file"), Map.of("path", root.resolve("a.md").toString(), "content", "hello from MCP"), Cancellation.none());
        assertEquals("hello from MCP", Files.readString(root.resolve("a.md")));
        assertEquals("hello from MCP", run(action("fs.read_text_file"), Map.of("path", root.resolve("a.md").toString()),
                Cancellation.none()).text());
        // an array parameter is given as JSON text
        String both = run(action("fs.read_multiple_files"), Map.of("paths", "[\"" + root.resolve("a.md") + "\"]"),
                Cancellation.none()).text();
        assertTrue(both.contains("hello from MCP"), both);
        ActionException outside = assertThrows(ActionException.class, () -> run(action("fs.read_text_file"),
                Map.of("path", "/etc/passwd"), Cancellation.none()));
        assertTrue(outside.getMessage().startsWith("fs.read_text_file failed: "), outside.getMessage());
    }

    @Test
    void anImageToolShowsItsImage() throws Exception {
        servers(Duration.ofSeconds(30), McpServerConfig.process("ev", McpTestServers.everything(), Map.of()));
        ActionResult image = run(action("ev.get_tiny_image"), Map.of(), Cancellation.none());
        Object png = image.display().data().get(MimeBundle.PNG);
        assertTrue(png instanceof String s && java.util.Base64.getDecoder().decode(s).length > 50, String.valueOf(png));
        assertTrue(image.text().contains("[image image/png"), image.text());
        String sum = run(action("ev.get_sum"), Map.of("a", 3, "b", 4.5), Cancellation.none()).text();
        assertTrue(sum.contains("7.5"), sum);
    }

    @Test
    void aStreamableHttpServerIsReachedByItsUrl() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new java.util.ArrayList<>(McpTestServers.everything());
        command.set(command.size() - 1, "streamableHttp");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("http-server.log").toFile());
        builder.environment().put("PORT", String.valueOf(port));
        Process http = builder.start();
        try {
            String url = "http://127.0.0.1:" + port + "/mcp";
            assertTrue(waitUntil(() -> {
                try (java.net.Socket probe = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                    return true;
                } catch (java.io.IOException e) {
                    return false;
                }
            }, 15_000), "the HTTP server did not start");
            servers(Duration.ofSeconds(30), McpServerConfig.http("remote", url, Map.of("Authorization", "Bearer hidden")));
            assertTrue(run(action("remote.echo"), Map.of("message", "over http"), Cancellation.none()).text().contains("over http"));
            assertEquals("http://127.0.0.1:" + port + "/mcp (headers: Authorization)", servers.list().get(0).what());
        } finally {
            http.destroy();
            http.waitFor(5, TimeUnit.SECONDS);
        }
        ActionException down = assertThrows(ActionException.class, () -> {
            servers.restart("remote");
        });
        assertTrue(down.getMessage().startsWith("MCP server remote failed to start: "), down.getMessage());
    }

    @Test
    void aServerThatExitsAtStartIsReportedWithItsStderr() {
        servers(Duration.ofSeconds(30), McpServerConfig.process("broken",
                List.of("node", "-e", "console.error('missing API token for broken'); process.exit(3)"), Map.of("TOKEN", "s3cret-value")));
        ActionException e = assertThrows(ActionException.class, () -> servers.find("broken.anything"));
        assertTrue(e.getMessage().contains("exited at start (code 3)"), e.getMessage());
        assertTrue(e.getMessage().contains("missing API token for broken"), e.getMessage());
        McpServers.Status status = servers.list().get(0);
        assertEquals("failed", status.state());
        assertTrue(status.problem().contains("missing API token"), status.problem());
        assertFalse((status.what() + status.problem()).contains("s3cret-value"), status.what());
        assertTrue(status.what().contains("(env: TOKEN)"), status.what());
        assertTrue(servers.actions().isEmpty(), "a failed server lists no actions and breaks nothing");
    }

    @Test
    void aServerThatHangsAtStartTimesOutWithItsStderrAndIsStopped() throws Exception {
        servers(new McpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30)), McpServerConfig.process("stuck",
                List.of("node", "-e", "console.error('waiting for a login that never comes'); setInterval(() => {}, 1000)"), Map.of()));
        long start = System.nanoTime();
        ActionException e = assertThrows(ActionException.class, () -> servers.find("stuck.anything"));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000);
        assertTrue(e.getMessage().contains("did not start within 2 s (mcp.timeout.start)"), "[" + e.getMessage() + "]");
        assertTrue(e.getMessage().contains("waiting for a login that never comes"), e.getMessage());
        assertTrue(waitUntil(() -> serverProcesses("waiting for a login").isEmpty(), 5000), "the stuck process was not stopped");
    }

    @Test
    void aFailedServerIsNotStartedAgainForEveryListingButIsForACall() throws Exception {
        servers(Duration.ofSeconds(30), McpServerConfig.process("slowfail",
                List.of("node", "-e", "setTimeout(() => { console.error('gave up'); process.exit(4); }, 1500)"), Map.of()));
        long first = System.nanoTime();
        assertTrue(servers.actions().isEmpty());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first) >= 1400, "the first listing starts it");
        long second = System.nanoTime();
        assertTrue(servers.actions().isEmpty());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - second) < 500, "a listing right after does not");
        long call = System.nanoTime();
        ActionException e = assertThrows(ActionException.class, () -> servers.find("slowfail.anything"));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - call) >= 1400, "a call tries again");
        assertTrue(e.getMessage().contains("gave up"), e.getMessage());
    }

    @Test
    void anInterruptEndsASlowToolAtOnce() throws Exception {
        servers(Duration.ofSeconds(60), McpServerConfig.process("ev", McpTestServers.everything(), Map.of()));
        Action slow = action("ev.trigger_long_running_operation");
        Cancellation.Flag flag = Cancellation.flag();
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(flag::cancel);
        long start = System.nanoTime();
        assertThrows(ActionCancelledException.class, () -> run(slow, Map.of("duration", 30, "steps", 3), flag));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 3000, "ended after " + millis + " ms");
        assertTrue(run(action("ev.echo"), Map.of("message", "still here"), Cancellation.none()).text().contains("still here"));
    }

    @Test
    void aServerKilledMidCallIsReportedAndRestartsAtTheNextCall() throws Exception {
        servers(Duration.ofSeconds(60), McpServerConfig.process("ev", McpTestServers.everything(), Map.of()));
        Action slow = action("ev.trigger_long_running_operation");
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> serverProcesses("server-everything")
                .forEach(ProcessHandle::destroyForcibly));
        long start = System.nanoTime();
        ActionException e = assertThrows(ActionException.class, () -> run(slow, Map.of("duration", 30, "steps", 3), Cancellation.none()));
        assertTrue(e.getMessage().contains("exited (code"), e.getMessage());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000);
        assertEquals("failed", servers.list().get(0).state());
        assertTrue(run(action("ev.echo"), Map.of("message", "back again"), Cancellation.none()).text().contains("back again"));
        assertEquals("running", servers.list().get(0).state());
    }

    @Test
    void aHungCallTimesOutAndTheServerStartsAgain() throws Exception {
        servers(Duration.ofSeconds(2), McpServerConfig.process("ev", McpTestServers.everything(), Map.of()));
        ActionException e = assertThrows(ActionException.class, () -> run(action("ev.trigger_long_running_operation"),
                Map.of("duration", 30, "steps", 3), Cancellation.none()));
        assertTrue(e.getMessage().contains("did not answer ev.trigger_long_running_operation within 2 s"), e.getMessage());
        assertTrue(run(action("ev.echo"), Map.of("message", "fresh"), Cancellation.none()).text().contains("fresh"));
    }

    @Test
    void closingStopsEveryServerProcess() throws Exception {
        Path root = Files.createDirectories(dir.resolve("notes"));
        servers(Duration.ofSeconds(30), McpServerConfig.process("ev", McpTestServers.everything(), Map.of()),
                McpServerConfig.process("fs", McpTestServers.filesystem(root), Map.of()));
        assertTrue(servers.actions().size() > 10);
        List<ProcessHandle> started = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        assertTrue(started.stream().anyMatch(p -> p.info().commandLine().orElse("").contains("server-everything")));
        servers.close();
        servers = null;
        assertTrue(waitUntil(() -> started.stream().noneMatch(ProcessHandle::isAlive), 5000),
                "still alive: " + started.stream().filter(ProcessHandle::isAlive).map(p -> p.info().commandLine().orElse("?")).toList());
    }

    @Test
    void aServerEndsWhenTheKernelIsKilled() throws Exception {
        Process kernel = new ProcessBuilder("sleep", "600").start();
        Path stderr = dir.resolve("ev.stderr");
        Process guard = new ProcessBuilder(GuardedCommand.of(McpTestServers.everything(), kernel.pid(), stderr)).start();
        assertTrue(waitUntil(() -> guard.descendants().anyMatch(p -> p.info().commandLine().orElse("").contains("server-everything")), 5000));
        List<ProcessHandle> server = guard.descendants().toList();
        kernel.destroyForcibly();
        assertTrue(waitUntil(() -> server.stream().noneMatch(ProcessHandle::isAlive) && !guard.isAlive(), 5000),
                "the server outlived its kernel");
    }

    private static List<ProcessHandle> serverProcesses(String marker) {
        return ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains(marker)
                && p.info().command().orElse("").endsWith("node")).toList();
    }

    private static boolean waitUntil(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
