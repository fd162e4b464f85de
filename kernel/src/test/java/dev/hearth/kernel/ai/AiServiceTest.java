package dev.hearth.kernel.ai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.kernel.config.HearthConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service end to end with the real tiny model: in-process, through langchain4j-ollama, through langchain4j-open-ai. */
class AiServiceTest {

    static LocalModelServer server;
    @TempDir
    static Path home;
    static ModelRegistry registry;
    static AiService service;

    @BeforeAll
    static void start() throws Exception {
        server = LocalModelServer.start(Map.of(TinyModel.NAME, TinyModel.shared()));
        HearthConfig config = TinyModel.config(home, server.url(), server.url() + "/v1");
        config.set("ai.usage", "off"); // these tests look at the answer itself; AiLoopTest shows the usage line
        registry = ModelRegistry.builder(config).build();
        service = AiService.builder(registry).build();
    }

    @AfterAll
    static void stop() {
        server.close();
        service.close();
        registry.close();
    }

    private static String ask(String model, String prompt) {
        return service.ask(AiRequest.of(model, prompt), null).text();
    }

    @Test
    void ggufInProcessAnswersTheVerifiedPromptsExactly() {
        String gguf = "gguf:" + TinyModel.path();
        assertEquals("Hello! How can I help you today?", ask(gguf, "Hello"));
        assertEquals("The capital of France is Paris.", ask(gguf, "What is the capital of France?"));
        assertEquals("1 + 6 = 7.", ask(gguf, "What is 1 + 6?"));
    }

    @Test
    void ggufModelLoadsLazilyOnceAndIsReleasedOnClose() {
        ModelRegistry own = ModelRegistry.builder(TinyModel.config(home, server.url(), null)).build();
        ModelRef ref = ModelRef.parse("gguf:" + TinyModel.path());
        assertTrue(gguf(own).models().isEmpty(), "nothing loaded at start");
        try (AiService ownService = AiService.builder(own).build()) {
            assertTrue(own.streaming(ref, Duration.ofSeconds(30)) == own.streaming(ref, Duration.ofSeconds(30)), "one instance");
            assertEquals("not loaded yet", gguf(own).models().get(0).details());
            assertEquals("pong", ownService.ask(AiRequest.of(ref.toString(), "ping"), null).text());
            assertEquals("loaded", gguf(own).models().get(0).details());
        }
        own.close();
        assertEquals("not loaded yet", gguf(own).models().get(0).details(), "released on close");
    }

    private static ModelRegistry.EndpointStatus gguf(ModelRegistry registry) {
        return registry.survey().stream().filter(s -> s.provider().equals("gguf")).findFirst().orElseThrow();
    }

    @Test
    void ollamaPathStreamsIntoOneDisplayWithModelAndSettingsInMetadata() {
        RecordingCell cell = new RecordingCell();
        AiRequest request = new AiRequest("ollama:" + TinyModel.NAME, null, List.of(), "What is the capital of Germany?",
                ModelSettings.builder().seed(42).build(), AnswerFormat.MARKDOWN, null, null, null, List.of(), null);
        AiAnswer answer = service.ask(request, cell);
        assertEquals("The capital of Germany is Berlin.", answer.text());
        List<RecordingCell.Shown> shown = cell.shown();
        assertFalse(shown.get(0).update(), "first a display");
        assertTrue(shown.subList(1, shown.size()).stream().allMatch(RecordingCell.Shown::update), "then only updates");
        assertEquals("The capital of Germany is Berlin.", shown.get(shown.size() - 1).bundle().data().get("text/markdown"));
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) shown.get(0).bundle().metadata().get(AiService.METADATA_KEY);
        assertEquals("ollama:" + TinyModel.NAME, meta.get("model"));
        assertEquals(42, meta.get("seed"));
        JsonNode options = server.lastRequest().path("options");
        assertEquals(ModelSettings.DEFAULT_CONTEXT, options.path("num_ctx").asInt(), "num_ctx is always sent");
        assertEquals(42, options.path("seed").asInt());
        assertEquals(0.0, options.path("temperature").asDouble());
    }

    @Test
    void openaiCompatiblePathStreams() {
        RecordingCell cell = new RecordingCell();
        AiAnswer answer = service.ask(AiRequest.of("openai:" + TinyModel.NAME, "What is 0 + 8?"), cell);
        assertEquals("0 + 8 = 8.", answer.text());
        assertEquals("0 + 8 = 8.", cell.lastText());
        assertTrue(server.lastRequest().path("stream").asBoolean());
    }

    @Test
    void endpointAlsoServesOllamaGenerate() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/api/generate"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"model\": \"tinychat\", \"prompt\": \"ping\", \"stream\": false}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals("pong", new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("response").asText());
    }

    @Test
    void modelsListsWhatEachProviderOffers() {
        Ai ai = new Ai(service, new ChatStore(home.resolve("chats")), Patterns.standard(home, home), new dev.hearth.kernel.cell.CellScope());
        List<String> models = ai.models();
        assertTrue(models.stream().anyMatch(l -> l.startsWith("ollama:tinychat") && l.contains("MB") && l.contains("3M")), models::toString);
        assertTrue(models.stream().anyMatch(l -> l.startsWith("openai:tinychat")), models::toString);
    }

    @Test
    void interruptStopsTheStreamWithin200msKeepingTheTextSoFar() throws Exception {
        server.tokenDelay(Duration.ofMillis(150));
        try {
            RecordingCell cell = new RecordingCell();
            CompletableFuture<AiAnswer> running = CompletableFuture.supplyAsync(
                    () -> service.ask(AiRequest.of("ollama:" + TinyModel.NAME, "Hello"), cell));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (cell.shown().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertFalse(cell.shown().isEmpty(), "a first token arrived");
            long interruptedAt = System.nanoTime();
            cell.cancel();
            AiAnswer answer = running.get(2, TimeUnit.SECONDS);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt);
            assertTrue(tookMillis < 200, "stopped in " + tookMillis + " ms");
            assertTrue(answer.interrupted());
            assertFalse(answer.text().isEmpty());
            assertTrue("Hello! How can I help you today?".startsWith(answer.text()), answer.text());
            assertEquals(answer.text(), cell.lastText(), "the text so far stays shown");
        } finally {
            server.tokenDelay(Duration.ZERO);
        }
        assertEquals("Hello! How can I help you today?", ask("ollama:" + TinyModel.NAME, "Hi"), "the next call works");
    }

    @Test
    void contextGuardFailsClearlyInsteadOfTruncating() {
        AiRequest request = new AiRequest("ollama:" + TinyModel.NAME, null, List.of(), "word ".repeat(200),
                ModelSettings.builder().contextSize(64).build(), AnswerFormat.TEXT, null, null, null, List.of(), null);
        int before = server.received().size();
        AiException e = assertThrows(AiException.class, () -> service.ask(request, null));
        assertTrue(e.getMessage().contains("context size of 64 tokens") && e.getMessage().contains("--num-ctx"), e.getMessage());
        assertEquals(before, server.received().size(), "nothing was sent");
    }

    @Test
    void toolHookAnswersTheModelsToolCallsOverTheOllamaWire() {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        ToolHook hook = new ToolHook() {
            @Override
            public List<dev.langchain4j.agent.tool.ToolSpecification> tools(AiRequest request) {
                return List.of(tool("web_fetch", "url"), tool("files_read", "path"), tool("calendar_events", "day"),
                        tool("get_weather", "city"));
            }

            @Override
            public String execute(AiRequest request, dev.langchain4j.agent.tool.ToolExecutionRequest call,
                                  dev.hearth.kernel.cell.CellContext cell) {
                calls.add(call.name() + " " + PythonJson.reformat(call.arguments()));
                return "{\"events\": []}";
            }
        };
        try (AiService withTools = AiService.builder(registry).tools(hook).build()) {
            RecordingCell cell = new RecordingCell();
            AiAnswer answer = withTools.ask(AiRequest.of("ollama:" + TinyModel.NAME, "What is on my calendar on Saturday?"), cell);
            assertEquals(List.of("calendar_events {\"day\": \"Saturday\"}"), calls);
            assertEquals("You have no events.", answer.text());
            assertEquals("You have no events.", cell.lastText());
        }
    }

    private static dev.langchain4j.agent.tool.ToolSpecification tool(String name, String param) {
        return dev.langchain4j.agent.tool.ToolSpecification.builder().name(name).description(name)
                .parameters(dev.langchain4j.model.chat.request.json.JsonObjectSchema.builder()
                        .addStringProperty(param).required(param).build()).build();
    }

    @Test
    void structuredOutputFromARecordSchema() {
        record City(String name, String country) {
        }
        AiRequest request = new AiRequest("ollama:" + TinyModel.NAME, null, List.of(), "What is the capital of France?",
                ModelSettings.builder().maxTokens(60).build(), AnswerFormat.JSON, Ai.schemaOf(City.class), null, null, List.of(), null);
        AiAnswer answer = service.ask(request, null);
        City city = Ai.parse(answer.text(), City.class);
        assertNotNull(city.name());
        assertTrue(server.lastRequest().path("format").isObject(), "the schema went to the server");
    }
}
