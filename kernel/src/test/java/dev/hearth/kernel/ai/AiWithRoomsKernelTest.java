package dev.hearth.kernel.ai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.kernel.actions.PluginJars;
import dev.hearth.kernel.protocol.Message;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code %%ai --memory} and {@code %%ai --tools} through the real kernel: the memory room's notes
 * as numbered sources, the actions room's actions as tools the tiny model calls over the Ollama
 * wire, and the user's approval of a side effect through the stdin channel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiWithRoomsKernelTest {

    @TempDir
    static Path dir;
    private LocalModelServer server;
    private KernelProcess kernel;
    private KernelClient client;
    private Path root;

    @BeforeAll
    void start() throws Exception {
        server = LocalModelServer.start(Map.of(TinyModel.NAME, TinyModel.shared()));
        Path bundled = dir.resolve("bundled");
        for (String module : List.of("files", "web", "calendar")) {
            PluginJars.install(module, bundled);
        }
        root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/pulley.java"), "class Pulley { int wheels = 3; }\n");
        kernel = KernelProcess.start(dir.resolve("home"), Map.of("HEARTH_OLLAMA_URL", server.url(),
                "HEARTH_MODEL", "ollama:" + TinyModel.NAME, "HEARTH_AI_TEMPERATURE", "0",
                "HEARTH_PLUGINS_BUNDLED", bundled.toString(),
                "HEARTH_PLUGINS_DIR", Files.createDirectories(dir.resolve("no-user-plugins")).toString(),
                "HEARTH_FILES_ROOT", root.toString()));
        client = kernel.client();
    }

    @AfterAll
    void stop() {
        kernel.close();
        server.close();
    }

    private static String markdown(Message m) {
        return String.valueOf(((Map<?, ?>) m.content().get("data")).get("text/markdown"));
    }

    private static List<String> shownMarkdown(Exchange exchange) {
        List<String> shown = new ArrayList<>();
        exchange.iopub("display_data").forEach(m -> shown.add(markdown(m)));
        return shown;
    }

    @Test
    void memoryPutsNumberedSourcesInThePromptAndListsThemUnderTheAnswer() {
        assertEquals("ok", client.execute("%remember --collection people Mara's home city is Hong Kong.").status());
        assertEquals("ok", client.execute("%remember --collection people Frank's pet is a turtle.").status());
        Exchange answer = client.execute("%%ai --memory=people -k 2\nWhat is Frank's pet?");
        assertEquals("ok", answer.status(), answer.iopub().toString());
        JsonNode messages = server.lastRequest().path("messages");
        assertTrue(messages.get(0).path("content").asText().contains("cite them as [n]"), messages.toString());
        String user = messages.get(messages.size() - 1).path("content").asText();
        assertTrue(user.startsWith("Context:\n[1] "), user);
        assertTrue(user.contains("[2] "), user);
        assertTrue(user.contains("Frank's pet is a turtle."), user);
        assertTrue(user.endsWith("Question: What is Frank's pet?"), user);
        String sources = shownMarkdown(answer).get(shownMarkdown(answer).size() - 1);
        assertTrue(sources.startsWith("**Sources**") && sources.contains("1. `remember`"), sources);

        Exchange dry = client.execute("%%ai --memory=people --dry-run\nWhat is Frank's pet?");
        assertTrue(dry.resultText().contains("Question: What is Frank's pet?") && dry.resultText().contains("[1] "),
                dry.resultText());
    }

    @Test
    void memoryFromJavaCellsToo() {
        client.execute("%remember --collection java-notes The greenhouse key is under the blue pot.");
        Exchange java = client.execute("ai.askWithMemory(\"java-notes\", \"Where is the greenhouse key?\", 1).length() > 0");
        assertEquals("true", java.resultText(), java.iopub().toString());
        String user = server.lastRequest().path("messages").get(1).path("content").asText();
        assertTrue(user.contains("[1] The greenhouse key is under the blue pot."), user);
    }

    @Test
    void patternsFromJavaCellsToo() throws Exception {
        Exchange cell = client.execute("ai.askWithPattern(\"summarize\", \"A engine is castle.\").isEmpty()");
        assertEquals("false", cell.resultText(), cell.iopub().toString());
        JsonNode messages = server.lastRequest().path("messages");
        String system = new String(getClass().getResourceAsStream("/ai/patterns/summarize/system.md").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(system, messages.get(0).path("content").asText().strip());
        assertTrue(messages.get(1).path("content").asText().contains("A engine is castle."), messages.toString());
    }

    @Test
    void badMemoryAndToolFlagsAreNamed() {
        Exchange k = client.execute("%%ai -k 3\nHello");
        assertTrue(String.valueOf(k.content().get("evalue")).contains("-k is the number of notes for --memory"), k.content().toString());
        Exchange allow = client.execute("%%ai --allow files.write\nHello");
        assertTrue(String.valueOf(allow.content().get("evalue")).contains("--allow only makes sense with --tools"));
        Exchange unknown = client.execute("%%ai --tools=no.such\nHello");
        assertTrue(String.valueOf(unknown.content().get("evalue")).contains("unknown action 'no.such'"), unknown.content().toString());
    }

    @Test
    void theModelCallsAnActionAsAToolAndTheCellShowsTheCall() {
        // one of the prompts the tiny model was verified on (shared/models/README.md)
        Exchange answer = client.execute("%%ai --tools=files.read\nShow me src/pulley.java");
        assertEquals("ok", answer.status(), answer.iopub().toString());
        String call = shownMarkdown(answer).stream().filter(s -> s.startsWith("🔧")).findFirst().orElse("");
        assertTrue(call.contains("`files_read`") && call.contains("src/pulley.java") && call.contains("wheels = 3"), call);
        JsonNode followUp = server.lastRequest().path("messages");
        String toolTurn = followUp.get(followUp.size() - 1).path("content").asText();
        assertEquals("tool", followUp.get(followUp.size() - 1).path("role").asText());
        assertTrue(toolTurn.contains("untrusted data") && toolTurn.contains("wheels = 3"), toolTurn);
    }

    @Test
    void aSideEffectRunsOnlyAfterTheUserApprovesThroughStdin() throws Exception {
        String write = "<tool_call>{\"name\": \"files_write\", \"arguments\": {\"path\": \"approved.txt\", \"content\": \"yes\"}}</tool_call>";
        server.scriptToolReply(write);
        List<String> prompts = new ArrayList<>();
        Exchange approved = client.executeWithInput("%%ai --tools\nSave it", prompt -> {
            prompts.add(prompt);
            return "y";
        }, 60_000);
        assertEquals("ok", approved.status(), approved.iopub().toString());
        assertEquals(1, prompts.size());
        assertTrue(prompts.get(0).contains("files.write") && prompts.get(0).contains("[y/N]"), prompts.get(0));
        assertEquals("yes", Files.readString(root.resolve("approved.txt")));

        server.scriptToolReply(write.replace("approved.txt", "refused.txt"));
        Exchange refused = client.executeWithInput("%%ai --tools\nSave it", prompt -> "n", 60_000);
        assertEquals("ok", refused.status());
        assertFalse(Files.exists(root.resolve("refused.txt")), "no approval, no side effect");

        server.scriptToolReply(write.replace("approved.txt", "headless.txt"));
        Exchange noStdin = client.execute("%%ai --tools\nSave it");
        assertFalse(Files.exists(root.resolve("headless.txt")), "without stdin a side effect is refused");
        assertTrue(shownMarkdown(noStdin).stream().anyMatch(s -> s.startsWith("🔧") && s.contains("failed")),
                shownMarkdown(noStdin).toString());

        server.scriptToolReply(write.replace("approved.txt", "allowed.txt"));
        Exchange allowed = client.execute("%%ai --tools --allow files.write\nSave it");
        assertEquals("ok", allowed.status());
        assertEquals("yes", Files.readString(root.resolve("allowed.txt")), "--allow runs it without asking");
    }

    @Test
    void aToolTheCellDidNotOfferIsRefusedEvenWhenTheModelCallsIt() throws Exception {
        Files.writeString(root.resolve("secret.txt"), "the vault password is hunter2");
        server.scriptToolReply("<tool_call>{\"name\": \"files_read\", \"arguments\": {\"path\": \"secret.txt\"}}</tool_call>");
        Exchange answer = client.execute("%%ai --tools=web.fetch\nSummarize the page");
        assertEquals("ok", answer.status(), answer.iopub().toString());
        JsonNode messages = server.lastRequest().path("messages");
        JsonNode toolTurn = messages.get(messages.size() - 1);
        assertEquals("tool", toolTurn.path("role").asText(), messages.toString());
        assertTrue(toolTurn.path("content").asText().contains("not offered") && toolTurn.path("content").asText().contains("web_fetch"),
                toolTurn.toString());
        assertFalse(server.received().stream().anyMatch(r -> r.toString().contains("hunter2")), "the secret never reaches the model");
        assertFalse(answer.iopub().toString().contains("hunter2"), "nor the notebook");
    }

    @Test
    void controlCharactersFromTheModelReachTheApprovalPromptEscaped() throws Exception {
        String spoof = "<tool_call>{\"name\": \"files_write\", \"arguments\": {\"path\": \"spoof.txt\", "
                + "\"content\": \"rm -rf ~\\rharmless note\\u001b[2K\\u001b[1Ahello\\u202eevil\"}}</tool_call>";
        server.scriptToolReply(spoof);
        List<String> prompts = new ArrayList<>();
        Exchange refused = client.executeWithInput("%%ai --tools=files.write\nSave it", prompt -> {
            prompts.add(prompt);
            return "n";
        }, 60_000);
        assertEquals("ok", refused.status(), refused.iopub().toString());
        assertEquals(1, prompts.size());
        String prompt = prompts.get(0);
        assertFalse(prompt.chars().anyMatch(c -> c == '\r' || c == 0x1b || c == 0x202e), prompt);
        assertTrue(prompt.contains("rm -rf ~\\rharmless note\\u001b[2K\\u001b[1Ahello\\u202eevil"), prompt);
        assertTrue(prompt.contains("spoof.txt"), prompt);
        assertFalse(Files.exists(root.resolve("spoof.txt")), "refused, so nothing written");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> payload(Exchange exchange) {
        return (List<Map<String, Object>>) exchange.reply().content().get("payload");
    }

    @Test
    void fixOffersTheCorrectedCodeAsANewCellBelow() {
        Exchange failed = client.execute("int broken = \"text\";");
        assertEquals("error", failed.status());
        server.scriptReply(List.of(), List.of("A String is not an int.\n\n```java\nint broken = 7;\n```"), 30, 12);
        Exchange fix = client.execute("%ai fix");
        assertEquals("ok", fix.status(), fix.iopub().toString());
        String prompt = server.lastRequest().path("messages").get(0).path("content").asText();
        assertTrue(prompt.contains("int broken = \"text\";") && prompt.contains("incompatible types"), prompt);
        assertEquals(List.of(Map.of("source", "set_next_input", "text", "int broken = 7;", "replace", false)), payload(fix));
        int failedCell = ((Number) failed.reply().content().get("execution_count")).intValue();
        Exchange err = client.execute("%%ai --dry-run\nWhat went wrong: {Err[" + failedCell + "]}");
        assertTrue(err.resultText().contains("What went wrong: ") && err.resultText().contains("incompatible types"),
                "{Err[n]} reaches the prompt: " + err.resultText());

        server.scriptReply(List.of(), List.of("```java\nString s = \"x\";\n```"), 5, 5);
        Exchange code = client.execute("%%ai --format code\nDeclare s.");
        assertEquals("String s = \"x\";", payload(code).get(0).get("text"));
        assertTrue(payload(client.execute("1 + 1")).isEmpty(), "an ordinary cell offers nothing");
    }

    @Test
    void chatDrawsOnMemoryAndKeepsTheSourcesWithTheTurn() throws Exception {
        assertEquals("ok", client.execute("%remember --collection pets Frank's pet is a turtle.").status());
        Exchange answer = client.execute("%%chat --session notes --memory=pets -k 1\nWhat is Frank's pet?");
        assertEquals("ok", answer.status(), answer.iopub().toString());
        String user = server.lastRequest().path("messages").get(server.lastRequest().path("messages").size() - 1)
                .path("content").asText();
        assertTrue(user.contains("Frank's pet is a turtle.") && user.endsWith("Question: What is Frank's pet?"), user);
        List<String> shown = shownMarkdown(answer);
        assertTrue(shown.get(shown.size() - 1).startsWith("**Sources**"), shown.toString());
        JsonNode saved = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                dir.resolve("home/chats/notes.json").toFile());
        assertEquals("remember", saved.get(1).path("sources").get(0).asText(), saved.toString());
        assertTrue(client.execute("%chat show notes").resultText().contains("Sources"), "%chat show lists them");
    }
}
