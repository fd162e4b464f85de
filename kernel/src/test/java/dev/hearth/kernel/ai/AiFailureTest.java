package dev.hearth.kernel.ai;

import dev.hearth.kernel.config.HearthConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** What the user sees when the server is down, lacks the model, fails, hangs or sends garbage. */
class AiFailureTest {

    static LocalModelServer server;
    @TempDir
    static Path home;
    static AiService service;

    @BeforeAll
    static void start() throws Exception {
        server = LocalModelServer.start(Map.of(TinyModel.NAME, TinyModel.shared()));
        HearthConfig config = TinyModel.config(home, server.url(), server.url() + "/v1");
        service = AiService.builder(ModelRegistry.builder(config).build()).build();
    }

    @AfterEach
    void healthy() {
        server.fault(LocalModelServer.Fault.NONE);
    }

    @AfterAll
    static void stop() {
        server.close();
        service.close();
    }

    private static AiException fail(String model, ModelSettings settings) {
        AiRequest request = new AiRequest(model, null, List.of(), "Hello", settings, AnswerFormat.TEXT, null, null, null, List.of(), null);
        return assertTimeoutPreemptively(java.time.Duration.ofSeconds(15),
                () -> assertThrows(AiException.class, () -> service.ask(request, new RecordingCell())));
    }

    @Test
    void ollamaNotRunningNamesTheUrlAndHowToStartIt() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        HearthConfig config = TinyModel.config(home, url, null);
        try (AiService down = AiService.builder(ModelRegistry.builder(config).build()).build()) {
            AiException e = assertThrows(AiException.class, () -> down.ask(AiRequest.of("ollama:llama3.2", "Hello"), null));
            assertEquals("Ollama is not running at " + url + ". Start it with `ollama serve`, or point %config ollama.url"
                    + " (HEARTH_OLLAMA_URL) at it.", e.getMessage());
        }
    }

    @Test
    void unknownModelListsTheAvailableOnesAndSaysHowToPull() {
        AiException e = fail("ollama:llama3.2", ModelSettings.NONE);
        assertEquals("Model 'llama3.2' is not available at " + server.url()
                + ". Available models: tinychat. Get it with `ollama pull llama3.2`.", e.getMessage());
    }

    @Test
    void unknownModelOnOpenaiServerListsItsModels() {
        AiException e = fail("openai:gpt-9", ModelSettings.NONE);
        assertTrue(e.getMessage().contains("Model 'gpt-9' is not available") && e.getMessage().contains("tinychat"), e.getMessage());
    }

    @Test
    void serverErrorShowsTheServersMessage() {
        server.fault(LocalModelServer.Fault.HTTP_500);
        AiException e = fail("ollama:" + TinyModel.NAME, ModelSettings.NONE);
        assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("llama runner crashed: out of memory"), e.getMessage());
        AiException openai = fail("openai:" + TinyModel.NAME, ModelSettings.NONE);
        assertTrue(openai.getMessage().contains("llama runner crashed: out of memory"), openai.getMessage());
    }

    @Test
    void hangIsReportedAsATimeoutNamingTheSetting() {
        server.fault(LocalModelServer.Fault.HANG);
        long start = System.nanoTime();
        AiException e = fail("ollama:" + TinyModel.NAME, ModelSettings.builder().timeout(java.time.Duration.ofSeconds(1)).build());
        assertTrue(e.getMessage().startsWith("Timed out") && e.getMessage().contains("--timeout"), e.getMessage());
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }

    @Test
    void interruptWhileWaitingForTheFirstTokenReturnsAtOnce() throws Exception {
        server.fault(LocalModelServer.Fault.HANG);
        RecordingCell cell = new RecordingCell();
        java.util.concurrent.CompletableFuture<AiAnswer> running = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> service.ask(AiRequest.of("ollama:" + TinyModel.NAME, "Hello"), cell));
        Thread.sleep(300);
        long start = System.nanoTime();
        cell.cancel();
        AiAnswer answer = running.get(2, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 200);
        assertTrue(answer.interrupted());
        assertTrue(cell.shown().isEmpty(), "no empty display for an answer that never started");
    }

    @Test
    void interruptStopsAModelListingThatWaitsForASilentServer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            dev.hearth.kernel.cell.CellScope cells = new dev.hearth.kernel.cell.CellScope();
            ModelRegistry registry = ModelRegistry.builder(TinyModel.config(home, url, url + "/v1")).cells(cells).build();
            RecordingCell cell = new RecordingCell();
            java.util.concurrent.CompletableFuture<List<ModelRegistry.EndpointStatus>> listing =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try (var scope = cells.enter(cell)) {
                            return registry.survey();
                        }
                    });
            Thread.sleep(300);
            cell.cancel();
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> listing.get(2, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof dev.hearth.kernel.cell.CellInterruptedException, String.valueOf(e.getCause()));
        }
    }

    @Test
    void malformedStreamFailsInsteadOfHanging() {
        server.fault(LocalModelServer.Fault.MALFORMED);
        AiException e = fail("ollama:" + TinyModel.NAME, ModelSettings.builder().timeout(java.time.Duration.ofSeconds(3)).build());
        assertTrue(e.getMessage().contains(TinyModel.NAME), e.getMessage());
    }

    @Test
    void theServiceWorksAgainAfterAFailure() {
        server.fault(LocalModelServer.Fault.HTTP_500);
        fail("ollama:" + TinyModel.NAME, ModelSettings.NONE);
        server.fault(LocalModelServer.Fault.NONE);
        assertEquals("Hello! How can I help you today?",
                service.ask(AiRequest.of("ollama:" + TinyModel.NAME, "Hey"), null).text());
    }
}
