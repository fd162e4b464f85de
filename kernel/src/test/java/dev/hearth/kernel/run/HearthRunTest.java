package dev.hearth.kernel.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.kernel.actions.PluginJars;
import com.sun.net.httpserver.HttpServer;
import dev.hearth.kernel.ai.LocalModelServer;
import dev.hearth.kernel.ai.TinyModel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Extra environment of the runs. */
    private final Map<String, String> environment = new LinkedHashMap<>();

    record Run(int exitCode, String stderr, Map<String, Object> notebook, String stdout) {
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

    private Run run(Map<String, String> env, Path notebook, String... args) throws Exception {
        environment.putAll(env);
        Path out = dir.resolve("out-" + System.nanoTime() + ".ipynb");
        List<String> arguments = new ArrayList<>(List.of("run", notebook.toString(), "-o", out.toString()));
        arguments.addAll(List.of(args));
        return hearth(dir, out, arguments);
    }

    /** {@code hearth ARGS} typed in {@code workingDir}; {@code out} is where the executed notebook is expected. */
    @SuppressWarnings("unchecked")
    private Run hearth(Path workingDir, Path out, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.hearth.kernel.Main"));
        command.addAll(args);
        Path stdout = dir.resolve("stdout-" + System.nanoTime() + ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false).directory(workingDir.toFile())
                .redirectOutput(stdout.toFile());
        builder.environment().put("HEARTH_HOME", dir.resolve("home").toString());
        builder.environment().remove(RunDirectory.CALLER_DIR);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        Map<String, Object> executed = Files.exists(out) ? JSON.readValue(out.toFile(), Map.class) : Map.of();
        return new Run(process.exitValue(), stderr, executed, Files.readString(stdout));
    }

    /** A notebook in {@code dir/recipes} that reads {@code data/note.txt} beside it and shows its working directory. */
    private Path notebookReadingItsData() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("recipes"));
        Files.createDirectories(folder.resolve("data"));
        Files.writeString(folder.resolve("data/note.txt"), "beside the notebook");
        Path nb = notebook("reads.ipynb", List.of(
                code("Files.readString(Path.of(\"data/note.txt\"))"),
                code("Path.of(\"\").toAbsolutePath().toString()")));
        return Files.move(nb, folder.resolve("reads.ipynb"));
    }

    @Test
    void relativePathsInCellsResolveAgainstTheNotebooksFolderWhereverTheRunStarts() throws Exception {
        Path nb = notebookReadingItsData();
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Run fromElsewhere = hearth(elsewhere, elsewhere.resolve("out.ipynb"),
                List.of("run", "../recipes/reads.ipynb", "-o", "out.ipynb"));
        assertEquals(0, fromElsewhere.exitCode(), fromElsewhere.stderr());
        assertEquals("\"beside the notebook\"", fromElsewhere.text(0));
        assertEquals("\"" + nb.getParent().toRealPath() + "\"", fromElsewhere.text(1));
        assertTrue(Files.exists(elsewhere.resolve("out.ipynb")), "-o resolves against the caller's directory");

        Run fromItsFolder = hearth(nb.getParent(), dir.resolve("here.ipynb"),
                List.of("run", "reads.ipynb", "-o", dir.resolve("here.ipynb").toString()));
        assertEquals(0, fromItsFolder.exitCode(), fromItsFolder.stderr());
        assertEquals("\"beside the notebook\"", fromItsFolder.text(0));
    }

    @Test
    void cwdChoosesAnotherWorkingDirectory() throws Exception {
        Path nb = notebookReadingItsData();
        Path other = Files.createDirectories(dir.resolve("other/data"));
        Files.writeString(other.resolve("note.txt"), "in the other folder");
        Run run = hearth(dir, dir.resolve("o.ipynb"), List.of("run", nb.toString(), "--cwd", "other", "-o", "o.ipynb"));
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("\"in the other folder\"", run.text(0));
        Run missing = hearth(dir, dir.resolve("none.ipynb"), List.of("run", nb.toString(), "--cwd", "nowhere"));
        assertEquals(2, missing.exitCode());
        assertTrue(missing.stderr().contains("--cwd") && missing.stderr().contains("is not a directory"), missing.stderr());
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
    void manySmallWritesAreRecordedInLinearTime() throws Exception {
        // 10 MB in 100,000 prints: concatenating the whole text on every write took minutes
        Path nb = notebook("chatty.ipynb", List.of(
                code("String line = \"w\".repeat(99);\nfor (int i = 0; i < 100_000; i++) System.out.println(line);"),
                code("1 + 1")));
        long start = System.nanoTime();
        Run run = run(Map.of("HEARTH_OUTPUT_MAX_BYTES", "50000000"), nb);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(10_000_000, run.text(0).length(), "all of it, under the raised limit");
        assertTrue(seconds < 60, "took " + seconds + " s");
    }

    @Test
    void runawayOutputIsCappedWithOneNote() throws Exception {
        Path nb = notebook("runaway.ipynb", List.of(
                code("String line = \"r\".repeat(99);\nfor (int i = 0; i < 30_000; i++) System.out.println(line);\n\"done\""),
                code("System.out.println(\"next cell\");")));
        Run run = run(Map.of("HEARTH_OUTPUT_MAX_BYTES", "100000"), nb);
        assertEquals(0, run.exitCode(), run.stderr());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> outputs = (List<Map<String, Object>>) run.codeCells().get(0).get("outputs");
        assertEquals(List.of("stream", "stream", "execute_result"), outputs.stream().map(o -> o.get("output_type")).toList());
        assertEquals(100_000, String.valueOf(outputs.get(0).get("text")).length(), "exactly the limit");
        assertEquals("stderr", outputs.get(1).get("name"));
        assertEquals("\n[output truncated, 2.8 MB more; output.max.bytes=100000 sets the limit]\n", outputs.get(1).get("text"));
        assertEquals("next cell\n", run.text(1), "the next cell has its own budget");
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
    void aNotebookReadsAFeedBesideItThroughTheBundledPluginAndSeesOnlyNewEntriesNextTime() throws Exception {
        environment.put("HEARTH_PLUGINS_BUNDLED", PluginJars.install("feeds", dir.resolve("bundled")).getParent().toString());
        Path folder = Files.createDirectories(dir.resolve("daily/data"));
        Files.writeString(folder.resolve("news.xml"), "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title>"
                + "<item><title>One</title><link>https://example.org/1</link><guid>1</guid></item>"
                + "<item><title>Two</title><link>https://example.org/2</link><guid>2</guid></item></channel></rss>");
        Path nb = Files.move(notebook("daily.ipynb", List.of(code(
                "actions.run(\"feeds.read\", Map.of(\"url\", \"data/news.xml\", \"new_only\", true)).text()"))),
                folder.getParent().resolve("daily.ipynb"));
        Run first = run(nb);
        assertEquals(0, first.exitCode(), first.stderr());
        assertTrue(first.text(0).contains("2 new entries") && first.text(0).contains("[Two](https://example.org/2)"), first.text(0));
        Run second = run(nb);
        assertTrue(second.text(0).contains("0 new entries"), second.text(0));
        assertFalse(first.stderr().contains("SLF4J"), "Rome logs through the kernel's SLF4J: " + first.stderr());
    }

    @Test
    void everyRunIsRecordedAndHearthRunsListsPassesAndFailures() throws Exception {
        Path ok = notebook("fine.ipynb", List.of(code("1 + 1")));
        Path bad = notebook("broken-cell.ipynb", List.of(code("1"), code("Integer.parseInt(\"x\")")));
        assertEquals(0, run(ok).exitCode());
        Run failed = run(bad);
        assertEquals(1, failed.exitCode());
        Run listed = hearth(dir, dir.resolve("none"), List.of("runs"));
        assertEquals(0, listed.exitCode(), listed.stderr());
        List<String> lines = listed.stdout().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains(" ok ") && l.endsWith(ok.toString())), listed.stdout());
        assertTrue(lines.stream().anyMatch(l -> l.contains(" failed ") && l.endsWith(bad.toString())), listed.stdout());
        assertTrue(listed.stdout().contains("cell 2: java.lang.NumberFormatException"), listed.stdout());
        Run onlyBad = hearth(dir, dir.resolve("none"), List.of("runs", "broken-cell.ipynb"));
        assertFalse(onlyBad.stdout().contains("fine.ipynb"), onlyBad.stdout());
        assertTrue(onlyBad.stdout().contains("output: " + dir), "the output notebook of the failed run: " + onlyBad.stdout());
    }

    @Test
    void ifChangedWritesNoOutputForUnchangedResultsAndKeepPrunesOldOutputs() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("watch"));
        Files.writeString(folder.resolve("news.txt"), "quiet day");
        Path nb = Files.move(notebook("watch.ipynb", List.of(code("Files.readString(Path.of(\"news.txt\"))"))),
                folder.resolve("watch.ipynb"));
        Path outputs = dir.resolve("outputs");
        List<String> args = List.of("run", nb.toString(), "--output-dir", outputs.toString(), "--if-changed", "--keep", "1");
        Run first = hearth(dir, dir.resolve("none"), args);
        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals(1, outputFiles(outputs).size());
        Run same = hearth(dir, dir.resolve("none"), args);
        assertEquals(0, same.exitCode(), same.stderr());
        assertTrue(same.stderr().contains("the results are the same as the last run's") && same.stderr().contains("no new output written"),
                same.stderr());
        assertEquals(1, outputFiles(outputs).size(), "no new output for unchanged results");
        Files.writeString(folder.resolve("news.txt"), "the bridge reopened");
        Thread.sleep(1100); // output names carry the second
        Run changed = hearth(dir, dir.resolve("none"), args);
        assertEquals(0, changed.exitCode(), changed.stderr());
        List<Path> left = outputFiles(outputs);
        assertEquals(1, left.size(), "--keep 1 removed the older output: " + changed.stderr());
        assertTrue(Files.readString(left.get(0)).contains("the bridge reopened"));
        String runs = hearth(dir, dir.resolve("none"), List.of("runs", nb.toString())).stdout();
        assertTrue(runs.contains(" unchanged "), runs);
    }

    private static List<Path> outputFiles(Path outputs) throws IOException {
        try (var files = Files.list(outputs)) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @Test
    void scheduleAddWritesACrontabLineThatRunsTheNotebookAndRemoveTakesItOut() throws Exception {
        Path crontab = dir.resolve("crontab");
        Files.writeString(crontab, "0 1 * * * echo mine\n");
        environment.put("HEARTH_CRONTAB_FILE", crontab.toString());
        Path nb = notebookReadingItsData();
        Run added = hearth(dir, dir.resolve("none"), List.of("schedule", "add", nb.toString(), "--daily", "07:30",
                "-p", "who=Ada", "--backend", "cron"));
        assertEquals(0, added.exitCode(), added.stderr());
        List<String> lines = Files.readAllLines(crontab);
        assertEquals("0 1 * * * echo mine", lines.get(0), "the user's own line is kept");
        String line = lines.get(1);
        assertTrue(line.startsWith("30 7 * * * mkdir -p '" + dir.resolve("home/runs") + "' && cd '" + nb.getParent()
                + "' && HEARTH_HOME="), line);
        assertTrue(line.contains("'run' '" + nb + "'") && line.contains("'-p' 'who=Ada'"), line);
        assertTrue(line.endsWith("# hearth-schedule: reads | daily 07:30 | " + nb), line);
        assertTrue(hearth(dir, dir.resolve("none"), List.of("schedule", "list")).stdout().contains("reads"));

        // what cron would run: the line after its five time fields
        Process cron = new ProcessBuilder("sh", "-c", line.split(" ", 6)[5]).start();
        assertTrue(cron.waitFor(120, TimeUnit.SECONDS));
        Path log = dir.resolve("home/runs/reads.log");
        assertEquals(0, cron.exitValue(), Files.exists(log) ? Files.readString(log) : "no log");
        String runs = hearth(dir, dir.resolve("none"), List.of("runs", nb.toString())).stdout();
        assertTrue(runs.contains(" ok ") && runs.contains("output: " + dir.resolve("home/outputs/reads")), runs);

        Run removed = hearth(dir, dir.resolve("none"), List.of("schedule", "remove", "reads"));
        assertEquals(0, removed.exitCode(), removed.stderr());
        assertEquals(List.of("0 1 * * * echo mine"), Files.readAllLines(crontab));
        assertEquals(1, hearth(dir, dir.resolve("none"), List.of("schedule", "remove", "reads")).exitCode());
    }

    @Test
    void scheduleAddWritesSystemdUserUnitsAndRemoveDeletesThem() throws Exception {
        Path units = dir.resolve("systemd-user");
        environment.put("HEARTH_SYSTEMD_USER_DIR", units.toString());
        Path nb = notebook("weekly.ipynb", List.of(code("1")));
        Run added = hearth(dir, dir.resolve("none"), List.of("schedule", "add", nb.toString(), "--weekly", "mon", "08:00"));
        assertEquals(0, added.exitCode(), added.stderr());
        assertTrue(added.stdout().contains("to enable it: systemctl --user daemon-reload"), added.stdout());
        String timer = Files.readString(units.resolve("hearth-weekly.timer"));
        assertTrue(timer.contains("OnCalendar=Mon *-*-* 08:00:00\nPersistent=true"), timer);
        String service = Files.readString(units.resolve("hearth-weekly.service"));
        assertTrue(service.contains("Type=oneshot") && service.contains("WorkingDirectory=" + dir), service);
        assertTrue(service.contains("\"run\" \"" + nb + "\" \"--output-dir\""), service);
        Run every = hearth(dir, dir.resolve("none"), List.of("schedule", "add", nb.toString(), "--every", "2h", "--name", "often"));
        assertTrue(Files.readString(units.resolve("hearth-often.timer")).contains("OnCalendar=*-*-* 00/2:00:00"), every.stderr());
        String list = hearth(dir, dir.resolve("none"), List.of("schedule", "list")).stdout();
        assertTrue(list.contains("weekly mon 08:00") && list.contains("every 2h"), list);
        assertEquals(0, hearth(dir, dir.resolve("none"), List.of("schedule", "remove", "weekly")).exitCode());
        assertFalse(Files.exists(units.resolve("hearth-weekly.timer")));
        assertFalse(Files.exists(units.resolve("hearth-weekly.service")));
        Run bad = hearth(dir, dir.resolve("none"), List.of("schedule", "add", nb.toString(), "--daily", "25:00"));
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("a time is HH:MM"), bad.stderr());
        Run injected = hearth(dir, dir.resolve("none"), List.of("schedule", "add", nb.toString(), "--daily", "07:00",
                "--name", "sneaky", "-p", "x=1\nExecStartPost=/bin/sh -c evil"));
        assertEquals(2, injected.exitCode());
        assertTrue(injected.stderr().contains("must be one line"), injected.stderr());
        assertFalse(Files.exists(units.resolve("hearth-sneaky.service")));
    }

    @Test
    void notesSaveWritesProvenanceThatMemoryIngestReadsBackAndKeepsTheUsersEdits() throws Exception {
        Path bundled = dir.resolve("bundled");
        PluginJars.install("notes", bundled);
        environment.put("HEARTH_PLUGINS_BUNDLED", bundled.toString());
        environment.put("HEARTH_NOTES_VAULT", dir.resolve("vault").toString());
        environment.put("HEARTH_MODEL", "ollama:reflective");
        Files.createDirectories(dir.resolve("vault"));
        Path nb = notebook("reflect.ipynb", List.of(
                code("notes.save(\"Boiler answer\", \"The boiler is serviced every October.\", List.of(\"Boiler.md\", \"Heating\"))"),
                code("memory.ingest(Path.of(\"vault\").toAbsolutePath().toString(), \"saved\");\n"
                        + "var meta = memory.topChunks(\"boiler service\", \"saved\", 1).get(0).metadata();\n"
                        + "meta.get(\"model\") + \" | \" + meta.get(\"notebook\") + \" | \" + meta.get(\"links\") + \" | \" + meta.get(\"date\")"),
                code("Files.writeString(Path.of(\"vault/Hearth/Boiler answer.md\"), \"my own words\");\n"
                        + "notes.save(\"Boiler answer\", \"Again.\")")));
        Run run = run(nb);
        assertEquals(0, run.exitCode(), run.stderr() + run.text(0) + run.text(1) + run.text(2));
        assertTrue(run.text(0).endsWith("vault/Hearth/Boiler answer.md\""), run.text(0));
        assertTrue(run.text(1).endsWith("\"ollama:reflective | reflect.ipynb | Boiler, Heating | " + java.time.LocalDate.now() + "\""),
                "the ingest read the provenance back: " + run.text(1));
        assertTrue(run.text(2).endsWith("vault/Hearth/Boiler answer 2.md\""), "a new file beside the edited note: " + run.text(2));
        assertEquals("my own words", Files.readString(dir.resolve("vault/Hearth/Boiler answer.md")));
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
