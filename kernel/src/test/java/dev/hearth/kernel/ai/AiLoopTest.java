package dev.hearth.kernel.ai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.eval.JShellEvaluator;
import dev.hearth.kernel.magic.MagicRegistry;
import dev.hearth.kernel.session.ExecutionHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AI loop a notebook user expects: reasoning kept apart from the answer, usage under it, images
 * for vision models, code offered as a new cell, {@code %ai fix}, {@code {Err[n]}} and saved aliases;
 * through the real magics and JShell against the Ollama wire format.
 */
class AiLoopTest {

    static LocalModelServer server;
    @TempDir
    static Path home;
    static JShellEvaluator evaluator;
    static ExecutionHistory history;
    static MagicRegistry magics;
    static HearthConfig config;

    /** The smallest PNG: one transparent pixel. */
    static final byte[] PIXEL = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    @BeforeAll
    static void start() throws Exception {
        server = LocalModelServer.start(Map.of(TinyModel.NAME, TinyModel.shared()));
        config = TinyModel.config(home, server.url(), server.url() + "/v1");
        config.set("model", "ollama:" + TinyModel.NAME);
        evaluator = JShellEvaluator.start(List.of());
        history = new ExecutionHistory(null);
        Ai ai = new Ai(AiService.builder(ModelRegistry.builder(config).build()).build(),
                new ChatStore(home.resolve("chats")), Patterns.standard(home, home), new CellScope());
        magics = new MagicRegistry();
        new AiMagics(ai, evaluator, history).all().forEach(magics::register);
    }

    @AfterAll
    static void stop() {
        server.close();
        evaluator.close();
    }

    private static RecordingCell ask(String args, String body) throws Exception {
        RecordingCell cell = new RecordingCell();
        magics.invoke("ai", true, args, body, cell);
        return cell;
    }

    private static MimeBundle lastShown(RecordingCell cell) {
        return cell.shown().get(cell.shown().size() - 1).bundle();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> aiMetadata(MimeBundle bundle) {
        return (Map<String, Object>) bundle.metadata().get(AiService.METADATA_KEY);
    }

    @Test
    void thinkingFromOllamasThinkingChannelIsShownCollapsedAndNeverBound() throws Exception {
        server.scriptReply(List.of("The user wants", " a capital."), List.of("Paris", " is the capital."), 21, 5);
        RecordingCell cell = ask("--into town", "What is the capital of France?");
        MimeBundle shown = lastShown(cell);
        String markdown = (String) shown.data().get(MimeBundle.MARKDOWN);
        assertTrue(markdown.startsWith("<details><summary>Thinking</summary>"), markdown);
        assertTrue(markdown.contains("The user wants a capital.") && markdown.contains("Paris is the capital."), markdown);
        assertEquals("Paris is the capital.", shown.plainText(), "plain text is the answer alone");
        assertEquals("Paris is the capital.", evaluator.valueOf("_ai").orElseThrow(), "thinking is never part of _ai");
        assertEquals("Paris is the capital.", evaluator.valueOf("town").orElseThrow(), "nor of --into");
        assertEquals("The user wants a capital.", aiMetadata(shown).get("thinking"), "recorded in the metadata");
        assertTrue(markdown.contains("<sub>21 prompt tokens · 5 answer tokens"), "the server's counts under the answer: " + markdown);
        @SuppressWarnings("unchecked")
        Map<String, Object> usage = (Map<String, Object>) aiMetadata(shown).get("usage");
        assertEquals(21, usage.get("prompt_tokens"));
        assertEquals(5, usage.get("answer_tokens"));
    }

    @Test
    void inlineThinkTagsAreStrippedEvenWhenSplitAcrossTokensAndCanBeHidden() throws Exception {
        server.scriptReply(List.of(), List.of("<thi", "nk>Berlin? Yes", ", Berlin.</th", "ink>\n\n", "Berlin", "."), 9, 6);
        RecordingCell cell = ask("--thinking hide", "What is the capital of Germany?");
        MimeBundle shown = lastShown(cell);
        String markdown = (String) shown.data().get(MimeBundle.MARKDOWN);
        assertFalse(markdown.contains("Thinking") || markdown.contains("Yes"), "hidden: " + markdown);
        assertTrue(markdown.startsWith("Berlin."), markdown);
        assertEquals("Berlin.", evaluator.valueOf("_ai").orElseThrow());
        assertEquals("Berlin? Yes, Berlin.", aiMetadata(shown).get("thinking"));
        assertThrows(Exception.class, () -> ask("--thinking sometimes", "Hi"), "a bad value names the choices");
    }

    @Test
    void theUsageLineCanBeTurnedOffAndJavaCellsReadTheLastUsage() throws Exception {
        config.set("ai.usage", "off");
        try {
            server.scriptReply(List.of(), List.of("Oslo."), 7, 2);
            RecordingCell cell = ask("", "What is the capital of Norway?");
            assertEquals("Oslo.", lastShown(cell).data().get(MimeBundle.MARKDOWN), "no usage line when off");
        } finally {
            config.unset("ai.usage");
        }
        Ai ai = new Ai(AiService.builder(ModelRegistry.builder(config).build()).build(),
                new ChatStore(home.resolve("chats")), Patterns.standard(home, home), new CellScope());
        assertNull(ai.lastUsage());
        server.scriptReply(List.of(), List.of("Rome."), 8, 3);
        assertEquals("Rome.", ai.ask("What is the capital of Italy?"));
        assertEquals(8, ai.lastUsage().promptTokens());
        assertEquals(3, ai.lastUsage().answerTokens());
    }

    @Test
    void imagesReachTheServerFromAFileAndFromAVariable() throws Exception {
        Path png = Files.write(home.resolve("pixel.png"), PIXEL);
        server.scriptReply(List.of(), List.of("A pixel."), 5, 2);
        ask("--image " + png, "What is in this picture?");
        JsonNode sent = server.lastRequest().path("messages").get(0);
        assertEquals(Base64.getEncoder().encodeToString(PIXEL), sent.path("images").get(0).asText(), sent.toString());

        evaluator.bind("photo", "byte[]", PIXEL);
        server.scriptReply(List.of(), List.of("Two pixels."), 5, 2);
        ask("--image " + png, "Compare {photo} with the file.");
        JsonNode both = server.lastRequest().path("messages").get(0);
        assertEquals(2, both.path("images").size(), both.toString());
        assertEquals("Compare [image 1] with the file.", both.path("content").asText());
        Exception missing = assertThrows(Exception.class, () -> ask("--image " + home.resolve("nope.png"), "Hi"));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }

    @Test
    void aServerSayingTheModelHasNoVisionIsToldPlainly() {
        AiException e = AiErrors.explain(new dev.langchain4j.exception.HttpException(400,
                "{\"error\":\"model tinychat does not support images\"}"), ModelRef.parse("ollama:tinychat"),
                server.url(), List.of());
        assertTrue(e.getMessage().contains("cannot read images") && e.getMessage().contains("vision model"), e.getMessage());
    }

    @Test
    void codeAnswersAreOfferedAsANewCell() throws Exception {
        server.scriptReply(List.of(), List.of("```java\n", "int x = 1;\n", "```"), 5, 6);
        RecordingCell code = ask("--format code", "Declare x.");
        assertEquals("int x = 1;", code.nextInput);

        server.scriptReply(List.of(), List.of("Here:\n```java\nvar s = \"hi\";\n```\nDone."), 5, 9);
        RecordingCell one = ask("--cell", "Declare s.");
        assertEquals("var s = \"hi\";", one.nextInput);

        server.scriptReply(List.of(), List.of("```java\na();\n```\nor\n```java\nb();\n```"), 5, 9);
        RecordingCell two = ask("--cell", "Two ways?");
        assertNull(two.nextInput, "two blocks: no cell is offered");
    }

    @Test
    void fixExplainsAFailedCellAndOffersTheCorrectedCode() throws Exception {
        evaluator.eval("int limit = 3;", new RecordingCell());
        history.record(4, "int limit = 3;", null);
        history.record(5, "String s = limit + 1;", null);
        history.recordError(5, "incompatible types: int cannot be converted to java.lang.String");
        history.record(6, "1 + 1", "2");
        server.scriptReply(List.of(), List.of("`limit + 1` is an int.\n\n```java\nString s = String.valueOf(limit + 1);\n```"), 40, 20);
        RecordingCell cell = new RecordingCell();
        magics.invoke("ai", false, "fix", "", cell);
        assertEquals("String s = String.valueOf(limit + 1);", cell.nextInput);
        String prompt = server.lastRequest().path("messages").get(0).path("content").asText();
        assertTrue(prompt.contains("String s = limit + 1;"), "the failed cell's code: " + prompt);
        assertTrue(prompt.contains("int cannot be converted"), "its error: " + prompt);
        assertTrue(prompt.contains("int limit;"), "the declarations it uses: " + prompt);

        server.scriptReply(List.of(), List.of("Fine."), 5, 1);
        magics.invoke("ai", true, "", "What went wrong in {Err[5]}?", new RecordingCell());
        assertTrue(server.lastRequest().path("messages").get(0).path("content").asText()
                .contains("What went wrong in incompatible types"), "{Err[n]} reaches the prompt");
        Exception notFailed = assertThrows(Exception.class, () -> magics.invoke("ai", false, "fix 6", "", new RecordingCell()));
        assertTrue(notFailed.getMessage().contains("cell 6 did not fail"), notFailed.getMessage());
    }

    @Test
    void aliasesAreSavedForLaterSessionsAndCanBeRemoved() throws Exception {
        magics.invoke("ai", false, "alias quick ollama:tinychat", "", new RecordingCell());
        HearthConfig later = HearthConfig.load(Map.of("HEARTH_HOME", home.toString()), home);
        ModelRegistry next = ModelRegistry.builder(later).build();
        assertEquals(ModelRef.parse("ollama:tinychat"), next.resolve("quick"), "a new session knows the alias");
        assertTrue(later.sourceOf("ai.alias.quick").startsWith("saved"), later.sourceOf("ai.alias.quick"));
        MimeBundle removed = (MimeBundle) magics.invoke("ai", false, "unalias quick", "", new RecordingCell());
        assertEquals("Alias quick removed.", removed.plainText());
        assertFalse(ModelRegistry.builder(HearthConfig.load(Map.of("HEARTH_HOME", home.toString()), home)).build()
                .aliases().containsKey("quick"));
    }
}
