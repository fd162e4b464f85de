package dev.hearth.kernel.ai;

import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.eval.JShellEvaluator;
import dev.hearth.kernel.magic.MagicRegistry;
import dev.hearth.kernel.magic.MagicUsageException;
import dev.hearth.kernel.session.ExecutionHistory;
import dev.hearth.api.MimeBundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The magics through the real magic registry, a real JShell session and the loopback Ollama endpoint. */
class AiMagicsTest {

    static LocalModelServer server;
    @TempDir
    static Path home;
    static JShellEvaluator evaluator;
    static ExecutionHistory history;
    static MagicRegistry magics;
    static Ai ai;

    @BeforeAll
    static void start() throws Exception {
        server = LocalModelServer.start(Map.of(TinyModel.NAME, TinyModel.shared()));
        HearthConfig config = TinyModel.config(home, server.url(), server.url() + "/v1");
        config.set("model", "ollama:" + TinyModel.NAME);
        config.set("ai.usage", "off"); // these tests look at the answer itself; AiLoopTest shows the usage line
        evaluator = JShellEvaluator.start(List.of());
        history = new ExecutionHistory(null);
        ai = newAi(config);
        magics = new MagicRegistry();
        new AiMagics(ai, evaluator, history).all().forEach(magics::register);
    }

    static Ai newAi(HearthConfig config) {
        AiService service = AiService.builder(ModelRegistry.builder(config).build()).build();
        return new Ai(service, new ChatStore(config.home().resolve("chats")), Patterns.standard(config.home(), home),
                new dev.hearth.kernel.cell.CellScope());
    }

    @AfterAll
    static void stop() {
        server.close();
        evaluator.close();
    }

    private static Object cell(String line, String body, RecordingCell ctx) throws Exception {
        return magics.invoke(line.split(" ")[0], true, line.contains(" ") ? line.substring(line.indexOf(' ') + 1) : "", body, ctx);
    }

    private static Object lineMagic(String name, String args) throws Exception {
        return magics.invoke(name, false, args, "", new RecordingCell());
    }

    @Test
    void cellMagicInterpolatesVariablesAndCellsAndBindsTheAnswer() throws Exception {
        evaluator.eval("String country = \"France\";", new RecordingCell());
        history.record(7, "String country = \"France\";", null);
        RecordingCell ctx = new RecordingCell();
        cell("ai --into capital", "What is the capital of {country}?", ctx);
        assertEquals("The capital of France is Paris.", ctx.lastText());
        assertEquals("What is the capital of France?", server.lastRequest().path("messages").get(0).path("content").asText(),
                "the filled prompt reached the model");
        assertEquals("The capital of France is Paris.", evaluator.valueOf("_ai").orElseThrow());
        assertEquals("The capital of France is Paris.", evaluator.valueOf("capital").orElseThrow());

        cell("ai --dry-run", "Cell 7 was: {In[7]} {{literal}}", ctx);
        MimeBundle dry = (MimeBundle) cell("ai --dry-run", "Cell 7 was: {In[7]} {{literal}}", new RecordingCell());
        assertTrue(dry.plainText().contains("Cell 7 was: String country = \"France\"; {literal}"), dry.plainText());
    }

    @Test
    void unknownNameIsAnErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cell("ai", "Tell me about {nosuchvar}", new RecordingCell()));
        assertTrue(e.getMessage().contains("{nosuchvar}"), e.getMessage());
    }

    @Test
    void lineMagicWithModelAndSubcommands() throws Exception {
        RecordingCell ctx = new RecordingCell();
        magics.invoke("ai", false, "gguf:" + TinyModel.path() + " What is 0 + 2?", "", ctx);
        assertEquals("0 + 2 = 2.", ctx.lastText());

        assertTrue(((MimeBundle) lineMagic("ai", "models")).plainText().contains("ollama:tinychat"));
        RecordingCell code = new RecordingCell();
        magics.invoke("ai", false, "--format code --keep-alive 60 ollama:tinychat What is 0 + 8?", "", code);
        assertEquals("```\n0 + 8 = 8.\n```", code.shown().get(code.shown().size() - 1).bundle().data().get("text/markdown"));
        assertEquals(60, server.lastRequest().path("keep_alive").asInt(), "keep-alive reaches Ollama");
        assertEquals("fast -> ollama:tinychat", ((MimeBundle) lineMagic("ai", "alias fast ollama:tinychat")).plainText());
        assertEquals("Default model: ollama:tinychat", ((MimeBundle) lineMagic("ai", "use fast")).plainText());
        String status = ((MimeBundle) lineMagic("ai", "status")).plainText();
        assertTrue(status.contains("ollama (" + server.url() + "): ok"), status);
        assertTrue(((MimeBundle) lineMagic("ai", "help")).plainText().contains("--into"));
    }

    @Test
    void asRecordBindsAParsedInstance() throws Exception {
        evaluator.eval("record Place(String name, String country) {}", new RecordingCell());
        cell("ai --into place --as Place --max-tokens 60", "What is the capital of Germany?", new RecordingCell());
        Object place = evaluator.valueOf("place").orElseThrow();
        assertEquals("Place", place.getClass().getSimpleName());
        assertTrue(server.lastRequest().path("format").path("properties").has("country"));
        MagicUsageException e = assertThrows(MagicUsageException.class,
                () -> cell("ai --into p --as NoSuchType", "Hello", new RecordingCell()));
        assertTrue(e.getMessage().contains("NoSuchType"));
    }

    @Test
    void chatHistoryIsSentAndSurvivesANewKernel() throws Exception {
        RecordingCell ctx = new RecordingCell();
        cell("chat --session trip", "Hello", ctx);
        assertEquals("Hello! How can I help you today?", ctx.lastText());
        cell("chat --session trip", "What is the capital of France?", new RecordingCell());
        assertEquals(3, server.lastRequest().path("messages").size(), "the first turn went along");
        assertTrue(Files.isRegularFile(home.resolve("chats/trip.json")));

        Ai restarted = newAi(TinyModel.config(home, server.url(), null));
        assertEquals(4, restarted.chats().load("trip").size());
        assertTrue(((MimeBundle) lineMagic("chat", "list")).plainText().contains("trip  4 turns"));
        assertTrue(((MimeBundle) lineMagic("chat", "show trip")).plainText().contains("Paris"));
        lineMagic("chat", "reset trip");
        assertTrue(restarted.chats().load("trip").isEmpty());
    }

    @Test
    void patternsFromHearthHomeComeFirstAndBundledOnesShip() throws Exception {
        Path mine = home.resolve("patterns/greet");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("system.md"), "Be brief.");
        Files.writeString(mine.resolve("user.md"), "{{input}}");
        String list = ((MimeBundle) lineMagic("pattern", "list")).plainText();
        assertTrue(list.contains("summarize  (bundled)") && list.contains("extract-todos") && list.contains("explain-code")
                && list.contains("greet"), list);
        RecordingCell ctx = new RecordingCell();
        cell("ai --pattern greet", "Hello", ctx);
        assertEquals("Be brief.", server.lastRequest().path("messages").get(0).path("content").asText());
        assertFalse(ctx.shown().isEmpty());
        MimeBundle dry = (MimeBundle) cell("ai --pattern summarize --dry-run", "A text.", new RecordingCell());
        assertTrue(dry.plainText().contains("Summarize: A text."), dry.plainText());
    }

    @Test
    void runtimeFacadeSharesTheImplementation() {
        assertEquals("The capital of Germany is Berlin.", ai.ask("What is the capital of Germany?"));
        assertEquals("1 + 6 = 7.", ai.ask("gguf:" + TinyModel.path(), "What is 1 + 6?"));
        assertEquals("Hello! How can I help you today?", ai.chat("facade", "Hi"));
        assertEquals(2, ai.chats().load("facade").size());
    }
}
