package dev.hearth.kernel.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.hearth.kernel.actions.PluginJars;
import dev.hearth.kernel.ai.LocalModelServer;
import dev.hearth.kernel.ai.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hearth run} as a user runs it: a separate process, a notebook file in, a notebook file out. */
class HearthRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int exitCode, String stderr, Map<String, Object> notebook) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> codeCells() {
            return ((List<Map<String, Object>>) notebook.get("cells")).stream()
                    .filter(c -> "code".equals(c.get("cell_type"))).toList();
        }

        @SuppressWarnings("unchecked")
        String text(int codeCell) {
            StringBuilder text = new StringBuilder();
            for (Map<String, Object> output : (List<Map<String, Object>>) codeCells().get(codeCell).get("outputs")) {
                if (output.containsKey("text")) {
                    text.append(output.get("text"));
                } else if (output.get("data") instanceof Map<?, ?> data) {
                    text.append(data.get("text/plain"));
                } else {
                    text.append(output.get("ename")).append(": ").append(output.get("evalue"));
                }
            }
            return text.toString();
        }
    }

    private Path notebook(String name, List<Map<String, Object>> cells) throws IOException {
        Map<String, Object> nb = new LinkedHashMap<>();
        nb.put("cells", cells);
        nb.put("metadata", Map.of("kernelspec", Map.of("name", "hearth", "display_name", "Hearth (Java AI shell)",
                "language", "java")));
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 5);
        Path file = dir.resolve(name);
        JSON.writeValue(file.toFile(), nb);
        return file;
    }

    private static Map<String, Object> code(String source, String... tags) {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("cell_type", "code");
        cell.put("execution_count", null);
        cell.put("metadata", tags.length == 0 ? Map.of() : Map.of("tags", List.of(tags)));
        cell.put("outputs", List.of());
        cell.put("source", source);
        return cell;
    }

    private Run run(Path notebook, String... args) throws Exception {
        return run(Map.of(), notebook, args);
    }

    @SuppressWarnings("unchecked")
    private Run run(Map<String, String> env, Path notebook, String... args) throws Exception {
        Path out = dir.resolve("out-" + System.nanoTime() + ".ipynb");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.hearth.kernel.Main",
                "run", notebook.toString(), "-o", out.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().put("HEARTH_HOME", dir.resolve("home").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        Map<String, Object> executed = Files.exists(out) ? JSON.readValue(out.toFile(), Map.class) : Map.of();
        return new Run(process.exitValue(), stderr, executed);
    }

    @Test
    void runsEveryCellAndWritesTheExecutedNotebook() throws Exception {
        Path nb = notebook("ok.ipynb", List.of(
                code("int x = 20;\nSystem.out.println(\"x is \" + x);"),
                code("var h = display(markdown(\"working\"));\nupdateDisplay(h, markdown(\"done\"));"),
                code("x + 22")));
        Run run = run(nb);
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of(1, 2, 3), run.codeCells().stream().map(c -> c.get("execution_count")).toList());
        assertEquals("x is 20\n", run.text(0));
        assertEquals("done", run.text(1), "the update replaced the display in place");
        assertEquals("42", run.text(2));
        assertTrue(run.stderr().contains("[3/3]"), "progress goes to stderr: " + run.stderr());
        assertEquals(4, run.notebook().get("nbformat"));
    }

    @Test
    void parametersAreInjectedAfterTheParametersCell() throws Exception {
        Path nb = notebook("params.ipynb", List.of(
                code("String city = \"Oslo\";\nint days = 1;", "parameters"),
                code("city + \" for \" + days + \" days\"")));
        Run defaults = run(nb);
        assertEquals("\"Oslo for 1 days\"", defaults.text(1));
        Run given = run(nb, "-p", "city=Paris \"centre\"", "-p", "days=3");
        assertEquals(0, given.exitCode(), given.stderr());
        assertEquals(3, given.codeCells().size(), "one injected cell");
        assertEquals(Map.of("tags", List.of("injected-parameters")), given.codeCells().get(1).get("metadata"));
        assertEquals("\"Paris \\\"centre\\\" for 3 days\"", given.text(2));
    }

    @Test
    void aFailingCellStopsTheRunNamesTheCellAndKeepsTheOutputsSoFar() throws Exception {
        Path nb = notebook("fails.ipynb", List.of(
                code("System.out.println(\"first\");"),
                code("Integer.parseInt(\"not a number\")"),
                code("System.out.println(\"never\");")));
        Run run = run(nb);
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("cell 2 failed: java.lang.NumberFormatException"), run.stderr());
        assertEquals("first\n", run.text(0));
        assertTrue(run.text(1).startsWith("java.lang.NumberFormatException"), run.text(1));
        assertEquals("", run.text(2));
        assertEquals(null, run.codeCells().get(2).get("execution_count"));
    }

    @Test
    void aCellOverTheTimeoutIsStopped() throws Exception {
        Path nb = notebook("slow.ipynb", List.of(code("Thread.sleep(60_000);")));
        long start = System.nanoTime();
        Run run = run(nb, "--timeout", "2");
        assertEquals(1, run.exitCode());
        assertTrue(run.text(0).contains("Timeout: cell 1 ran longer than 2 s"), run.text(0));
        assertTrue((System.nanoTime() - start) / 1e9 < 50, "the run did not wait for the sleep");
    }

    @Test
    void readingStdinHeadlessIsAClearError() throws Exception {
        Path nb = notebook("stdin.ipynb", List.of(code("new Scanner(System.in).nextLine()")));
        Run run = run(nb);
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("does not accept input"), run.stderr());
    }

    @Test
    void badInputIsAShortError() throws Exception {
        Path broken = dir.resolve("broken.ipynb");
        Files.writeString(broken, "{ not json");
        Run run = run(broken);
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().startsWith("hearth run: ") && run.stderr().contains("is not a notebook"), run.stderr());
        Run badParameter = run(notebook("p.ipynb", List.of(code("1"))), "-p", "novalue");
        assertEquals(2, badParameter.exitCode());
        assertTrue(badParameter.stderr().contains("must be NAME=VALUE"), badParameter.stderr());
        assertFalse(badParameter.stderr().contains("Exception"), badParameter.stderr());
    }

    @Test
    void codeOfferedAsANewCellIsPrintedHeadless() throws Exception {
        try (dev.hearth.kernel.ai.LocalModelServer server = dev.hearth.kernel.ai.LocalModelServer.start(
                Map.of(dev.hearth.kernel.ai.TinyModel.NAME, dev.hearth.kernel.ai.TinyModel.shared()))) {
            server.scriptReply(List.of(), List.of("```java\nint fixed = 1;\n```"), 5, 4);
            Path nb = notebook("code.ipynb", List.of(code("%%ai --format code\nDeclare fixed."), code("2 + 2")));
            Run run = run(Map.of("HEARTH_OLLAMA_URL", server.url(), "HEARTH_MODEL", "ollama:" + dev.hearth.kernel.ai.TinyModel.NAME), nb);
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(run.text(0).contains("Suggested code for a new cell:\nint fixed = 1;"), run.text(0));
            assertEquals("4", run.text(1), "the run goes on");
        }
    }

    @Test
    void aKeySetWithConfigStaysOutOfTheProgressLineTheHistoryAndErrors() throws Exception {
        String key = "sk-test-9f8e7d6c5b4a3210";
        // an OpenAI-compatible server that echoes the Authorization header in its error, as some do
        HttpServer echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        echo.createContext("/", exchange -> {
            byte[] body = ("{\"error\":{\"message\":\"Incorrect API key provided: "
                    + exchange.getRequestHeaders().getFirst("Authorization") + "\",\"type\":\"invalid_request_error\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        echo.start();
        try {
            Path nb = notebook("secret.ipynb", List.of(
                    code("%config openai.api.key=" + key),
                    code("%config openai.url=http://127.0.0.1:" + echo.getAddress().getPort() + "/v1"),
                    code("%%ai openai:gpt-test\nSay hello")));
            Run run = run(nb);
            assertEquals(1, run.exitCode(), run.stderr());
            assertFalse(run.stderr().contains(key), run.stderr());
            assertTrue(run.stderr().contains("[1/3] %config openai.api.key=********"), run.stderr());
            String error = run.text(2);
            assertTrue(error.contains("Incorrect API key provided: Bearer ********"), error);
            assertFalse(error.contains(key), error);
            Path history = dir.resolve("home/history/history.jsonl");
            String stored = Files.readString(history);
            assertTrue(stored.contains("%config openai.api.key=********"), stored);
            assertFalse(stored.contains(key), stored);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history.getParent())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("home"))));
        } finally {
            echo.stop(0);
        }
    }

    @Test
    void aRefusedSideEffectEndsTheRunWithCode3NamingTheAction() throws Exception {
        Path bundled = dir.resolve("bundled");
        PluginJars.install("files", bundled);
        Path notes = Files.createDirectories(dir.resolve("notes"));
        try (LocalModelServer server = LocalModelServer.start(Map.of(TinyModel.NAME, TinyModel.shared()))) {
            server.scriptToolReply("<tool_call>{\"name\": \"files_write\", \"arguments\": "
                    + "{\"path\": \"digest.md\", \"content\": \"news\"}}</tool_call>");
            Path nb = notebook("digest.ipynb", List.of(code("%%ai --tools\nSave it")));
            Run run = run(Map.of("HEARTH_OLLAMA_URL", server.url(), "HEARTH_MODEL", "ollama:" + TinyModel.NAME,
                    "HEARTH_AI_TEMPERATURE", "0", "HEARTH_PLUGINS_BUNDLED", bundled.toString(),
                    "HEARTH_PLUGINS_DIR", dir.resolve("no-plugins").toString(), "HEARTH_FILES_ROOT", notes.toString()), nb);
            assertEquals(3, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("hearth run: refused files.write: files.write was refused"), run.stderr());
            assertFalse(Files.exists(notes.resolve("digest.md")));
        }
    }
}
