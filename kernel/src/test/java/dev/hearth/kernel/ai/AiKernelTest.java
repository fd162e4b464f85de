package dev.hearth.kernel.ai;

import dev.hearth.kernel.protocol.Message;
import dev.hearth.kernel.testing.KernelClient;
import dev.hearth.kernel.testing.KernelProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AI magics through the real kernel process, against the loopback Ollama-compatible endpoint. */
class AiKernelTest {

    static LocalModelServer server;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = LocalModelServer.start(Map.of(TinyModel.NAME, TinyModel.shared()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private KernelProcess kernel(Path home) throws Exception {
        return KernelProcess.start(home, Map.of("HEARTH_OLLAMA_URL", server.url(), "HEARTH_OPENAI_URL", server.url() + "/v1",
                "HEARTH_MODEL", "ollama:" + TinyModel.NAME, "HEARTH_AI_TEMPERATURE", "0",
                "HEARTH_AI_USAGE", "off")); // these tests look at the answer itself; AiLoopTest shows the usage line
    }

    private static String markdown(Message m) {
        return String.valueOf(((Map<?, ?>) m.content().get("data")).get("text/markdown"));
    }

    @Test
    void streamsIntoADisplayBindsAiAndChatSurvivesARestart() throws Exception {
        Path home = dir.resolve("home1");
        try (KernelProcess kernel = kernel(home)) {
            KernelClient client = kernel.client();
            client.execute("String country = \"France\";");
            KernelClient.Exchange ex = client.execute("%%ai --into capital\nWhat is the capital of {country}?");
            assertEquals("ok", ex.status(), ex.iopub().toString());
            List<Message> displays = ex.iopub("display_data");
            assertEquals(1, displays.size());
            List<Message> updates = ex.iopub("update_display_data");
            assertFalse(updates.isEmpty());
            assertEquals("The capital of France is Paris.", markdown(updates.get(updates.size() - 1)));
            assertEquals("What is the capital of France?",
                    server.lastRequest().path("messages").get(0).path("content").asText());
            assertEquals("\"The capital of France is Paris.\"", client.execute("_ai").resultText());
            assertEquals("\"The capital of France is Paris.\"", client.execute("capital").resultText());
            assertEquals("ok", client.execute("%%chat --session k\nHello").status());
            KernelClient.Exchange java = client.execute("var sum = ai.ask(\"What is 0 + 8?\");\nsum.toUpperCase()");
            assertEquals("\"0 + 8 = 8.\"", java.resultText(), java.iopub().toString());
            assertEquals(1, java.iopub("display_data").size(), "ai.ask streams into the cell too");
            KernelClient.Exchange openai = client.execute("%%ai openai:tinychat\nWhat is the capital of Germany?");
            assertEquals("ok", openai.status(), openai.iopub().stream().map(m -> m.msgType() + m.content()).toList().toString());
            List<Message> openaiShown = openai.iopub("update_display_data");
            assertEquals("The capital of Germany is Berlin.", markdown(openaiShown.isEmpty()
                    ? openai.iopub("display_data").get(0) : openaiShown.get(openaiShown.size() - 1)));
            client.execute("record Place(String name, String country) {}");
            KernelClient.Exchange typed = client.execute("ai.ask(\"What is the capital of France?\", Place.class).getClass().getSimpleName()");
            assertEquals("\"Place\"", typed.resultText(), typed.iopub().stream().map(m -> m.msgType() + m.content()).toList().toString());
            KernelClient.Exchange missing = client.execute("%ai ollama:nosuch Hello");
            assertEquals("error", missing.status());
            String error = String.valueOf(missing.iopub("error").get(0).content().get("evalue"));
            assertTrue(error.contains("Available models: tinychat") && error.contains("ollama pull nosuch"), error);
            assertEquals("2", client.execute("1 + 1").resultText(), "the kernel is not left busy");
        }
        try (KernelProcess again = kernel(home)) {
            String shown = again.client().execute("%chat show k").resultText();
            assertTrue(shown.contains("How can I help you today?"), shown);
        }
    }

    @Test
    void interruptMidStreamKeepsTheTextAndTheNextCellWorks() throws Exception {
        try (KernelProcess kernel = kernel(dir.resolve("home2"))) {
            KernelClient client = kernel.client();
            assertEquals("ok", client.execute("%ai ping").status(), "warm: the client classes are loaded");
            int before = server.received().size();
            server.tokenDelay(Duration.ofMillis(200));
            try {
                String id = client.submit("%%ai\nHello", Map.of());
                long deadline = System.currentTimeMillis() + 10_000;
                while (server.received().size() == before && System.currentTimeMillis() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(900);
                long interruptedAt = System.nanoTime();
                client.interrupt();
                KernelClient.Exchange ex = client.await(id, 5_000);
                long tookMillis = (System.nanoTime() - interruptedAt) / 1_000_000;
                assertTrue(tookMillis < 1000, "the cell ended " + tookMillis + " ms after the interrupt");
                assertEquals("error", ex.status(), ex.iopub().stream().map(m -> m.msgType() + m.content()).toList().toString());
                assertEquals(1, ex.iopub("display_data").size(), ex.iopub().stream().map(m -> m.msgType() + m.content()).toList().toString());
                List<Message> updates = ex.iopub("update_display_data");
                String partial = markdown(updates.isEmpty() ? ex.iopub("display_data").get(0) : updates.get(updates.size() - 1));
                assertTrue(partial.startsWith("Hello") && partial.length() < "Hello! How can I help you today?".length(), partial);
            } finally {
                server.tokenDelay(Duration.ZERO);
            }
            assertEquals("2", client.execute("1 + 1").resultText());
        }
    }

    @Test
    void aliasesSurviveARestartAndShowInConfigWithTheirOrigin() throws Exception {
        Path home = dir.resolve("home-alias");
        try (KernelProcess kernel = kernel(home)) {
            assertEquals("ok", kernel.client().execute("%ai alias tiny ollama:" + TinyModel.NAME).status());
        }
        try (KernelProcess kernel = kernel(home)) {
            KernelClient client = kernel.client();
            KernelClient.Exchange asked = client.execute("%ai tiny What is 0 + 8?");
            assertEquals("ok", asked.status(), asked.iopub().toString());
            String config = client.execute("%config ai.alias.tiny").resultText();
            assertTrue(config.contains("ollama:tinychat") && config.contains("saved"), config);
            assertEquals("ok", client.execute("%ai use tiny").status());
            assertTrue(client.execute("%config model").resultText().contains("session"), "%ai use shows as a session setting");
            assertTrue(client.execute("%ai unalias tiny").resultText().contains("removed"));
        }
        try (KernelProcess kernel = kernel(home)) {
            String config = kernel.client().execute("%config ai.alias.tiny").resultText();
            assertTrue(config.contains("(unset)"), "the alias is gone: " + config);
        }
    }
}
