package dev.hearth.kernel.actions;

import dev.hearth.api.testing.LoopbackServer;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The actions room through the real kernel process: bundled plugins from the build, the template
 * plugin installed in the user's plugins directory like a third-party jar, magics, the cell facade,
 * completion, reload and interrupt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActionsKernelTest {

    @TempDir
    static Path dir;
    private KernelProcess kernel;
    private KernelClient client;
    private LoopbackServer server;
    private Path notes;
    private Path userPlugins;

    @BeforeAll
    void start() throws Exception {
        Path bundled = dir.resolve("bundled");
        for (String module : List.of("files", "web", "calendar")) {
            PluginJars.install(module, bundled);
        }
        userPlugins = dir.resolve("my-plugins");
        PluginJars.install("template", userPlugins);
        HostilePlugins.throwsErrors(userPlugins);
        HostilePlugins.exitsInStart(userPlugins);
        HostilePlugins.neverStarts(userPlugins);
        HostilePlugins.shadowsFilesWrite(userPlugins);
        notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("todo.md"), "- water the tulips\n");
        server = LoopbackServer.start();
        server.page("/page", "text/html; charset=utf-8", "<title>Local wiki</title><main><p>Hello from the wiki.</p></main>");
        server.stream("/slow", "text/html", 1_000_000, 500);
        kernel = KernelProcess.start(dir.resolve("home"), Map.of(
                "HEARTH_PLUGINS_BUNDLED", bundled.toString(),
                "HEARTH_PLUGINS_DIR", userPlugins.toString(),
                "HEARTH_FILES_ROOT", notes.toString(),
                "HEARTH_PLUGINS_START_TIMEOUT", "2"));
        client = kernel.client();
    }

    @AfterAll
    void stop() {
        kernel.close();
        server.close();
    }

    private static String evalue(Exchange exchange) {
        return String.valueOf(exchange.content().get("evalue"));
    }

    @Test
    void pluginsAndActionsAreListed() {
        Exchange plugins = client.execute("%plugins");
        assertEquals("ok", plugins.status(), plugins.content().toString());
        String table = plugins.resultText();
        assertTrue(table.contains("calendar") && table.contains("files") && table.contains("web"), table);
        assertTrue(table.matches("(?s).*greet\\s+1\\.0\\.0\\s+STARTED \\(yours\\)\\s+greet\\.hello.*"), table);
        String actions = client.execute("%actions").resultText();
        assertTrue(actions.matches("(?s).*files\\.write\\s+path=TEXT content=TEXT \\[overwrite=true\\|false\\]\\s+⚠ yes.*"), actions);
        assertTrue(actions.contains("web.fetch") && actions.contains("calendar.events") && actions.contains("greet.hello"), actions);
    }

    @Test
    void hostilePluginsNeitherEndNorStallTheKernel() {
        String table = client.execute("%plugins").resultText();
        assertTrue(table.matches("(?s).*quitter.*NOT LOADED \\(yours\\).*refused: class hostile\\.Quitter calls System\\.exit.*"), table);
        assertTrue(table.matches("(?s).*sleeper.*FAILED \\(yours\\).*did not finish starting within 2 s.*"), table);
        assertTrue(table.contains("action files.write refused: plugin files already provides it"), table);
        for (String action : List.of("boom.overflow", "boom.oom", "boom.missing", "boom.service")) {
            Exchange boom = client.execute("%act " + action);
            assertEquals("error", boom.status(), action);
            assertTrue(evalue(boom).startsWith(action + " "), evalue(boom));
            assertEquals("2", client.execute("1 + 1").resultText(), "the kernel answers after " + action);
        }
        Exchange fromJava = client.execute("actions.run(\"boom.overflow\")");
        assertEquals("error", fromJava.status());
        assertTrue(fromJava.content().toString().contains("boom.overflow failed: it recursed too deeply"), fromJava.content().toString());
        assertEquals("2", client.execute("1 + 1").resultText());
    }

    @Test
    void actRunsAnActionShowsItAndBindsIt() throws Exception {
        Exchange read = client.execute("%act files.read path=todo.md");
        assertEquals("ok", read.status(), read.content().toString());
        assertEquals("- water the tulips\n", read.resultText());
        assertEquals("\"- water the tulips\\n\"", client.execute("_act.text()").resultText());

        Exchange write = client.execute("%%act files.write\n{\"path\": \"ideas/new.md\", \"content\": \"Plant garlic\"}");
        assertEquals("ok", write.status(), write.content().toString());
        assertEquals("Plant garlic", Files.readString(notes.resolve("ideas/new.md")));

        Exchange greet = client.execute("%act greet.hello name=\"Ada Lovelace\" shout=yes");
        assertEquals("ok", greet.status(), greet.content().toString());
        Map<?, ?> data = (Map<?, ?>) greet.iopub("execute_result").get(0).content().get("data");
        assertEquals("**HELLO, ADA LOVELACE!**", data.get("text/markdown"));
    }

    @Test
    void libraryLoggingInsidePluginsStaysOutOfTheCell() throws Exception {
        Path ics = notes.resolve("week.ics");
        Files.writeString(ics, String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//hearth//test//EN",
                "BEGIN:VEVENT", "UID:standup@test", "DTSTAMP:20260101T000000Z", "DTSTART:20260105T090000Z",
                "DTEND:20260105T091500Z", "RRULE:FREQ=DAILY", "SUMMARY:Standup", "END:VEVENT", "END:VCALENDAR", ""));
        client.execute("%config calendar.sources=" + ics);
        Exchange events = client.execute("%act calendar.events when=week");
        assertEquals("ok", events.status(), events.content().toString());
        assertTrue(events.resultText().contains("Standup"), events.resultText());
        assertEquals("", events.stream("stderr"), "no logging-framework warnings in the notebook");
    }

    @Test
    void javaCellsUseTheFacade() {
        Exchange page = client.execute("var page = actions.run(\"web.fetch\", Map.of(\"url\", \"" + server.uri("/page") + "\"));\n"
                + "((Map<?, ?>) page.data()).get(\"title\")");
        assertEquals("ok", page.status(), page.content().toString());
        assertEquals("\"Local wiki\"", page.resultText());
        Exchange list = client.execute("actions.list().stream().map(a -> a.toolName()).filter(n -> n.startsWith(\"files\")).toList()");
        assertEquals("[files_list, files_read, files_search, files_write]", list.resultText());
    }

    @Test
    void badInputIsAShortErrorNamingTheParameter() {
        Exchange missing = client.execute("%act files.read");
        assertEquals("error", missing.status());
        assertEquals("files.read: missing required parameter 'path' (file path relative to the root)", evalue(missing));
        Exchange typo = client.execute("%act files.red path=x");
        assertTrue(evalue(typo).startsWith("unknown action 'files.red'"), evalue(typo));
        Exchange notPair = client.execute("%act files.read todo.md");
        assertTrue(evalue(notPair).contains("'todo.md' is not key=value; files.read takes path=TEXT [max_chars=N]"), evalue(notPair));
        Exchange badJson = client.execute("%%act files.write\n{\"path\": ");
        assertTrue(evalue(badJson).contains("the body is not valid JSON"), evalue(badJson));
        Exchange escape = client.execute("%act files.read path=../home/config.properties");
        assertTrue(evalue(escape).startsWith("refused path"), evalue(escape));
    }

    @Test
    void completionKnowsActionAndParameterNames() {
        Exchange names = client.request("complete_request", Map.of("code", "%act files.r", "cursor_pos", 12), 10_000);
        assertEquals(List.of("files.read"), names.content().get("matches"));
        Exchange params = client.request("complete_request", Map.of("code", "%act web.fetch ma", "cursor_pos", 17), 10_000);
        assertEquals(List.of("max_chars="), params.content().get("matches"));
        Exchange all = client.request("complete_request", Map.of("code", "%act files.read ", "cursor_pos", 16), 10_000);
        assertEquals(List.of("path=", "max_chars="), all.content().get("matches"));
        client.execute("%actions"); // the help lists the actions once they are loaded
        Exchange helpCell = client.execute("%help act");
        String help = helpCell.stream("stdout") + helpCell.resultText();
        assertTrue(help.contains("Usage: %act files.read path=TEXT [max_chars=N]"), help);
    }

    @Test
    void reloadPicksUpANewBrokenPluginWithoutHarmingTheOthers() throws Exception {
        Files.write(userPlugins.resolve("broken.jar"), new byte[] {1, 2, 3});
        try {
            String table = client.execute("%plugins reload").resultText();
            assertTrue(table.contains("broken.jar") && table.contains("corrupt or unreadable jar"), table);
            assertEquals("- water the tulips\n", client.execute("%act files.read path=todo.md").resultText());
        } finally {
            Files.delete(userPlugins.resolve("broken.jar"));
            client.execute("%plugins reload");
        }
    }

    @Test
    void anInterruptStopsASlowFetch() {
        String id = client.submit("%act web.fetch url=" + server.uri("/slow"), Map.of());
        try {
            Thread.sleep(700);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long start = System.nanoTime();
        client.interrupt();
        Exchange done = client.await(id, 10_000);
        assertEquals("error", done.status());
        assertTrue(System.nanoTime() - start < 3_000_000_000L, "interrupt took too long");
    }
}
