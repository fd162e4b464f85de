package dev.hearth.kernel.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ollama embeddings through langchain4j-ollama against a loopback server speaking Ollama's
 * {@code /api/embed} wire format (no Ollama can run here). Its vectors are hashed bags of words:
 * texts sharing words are close.
 */
class OllamaEmbeddingsTest {

    private static final int DIM = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private HttpServer server;
    private String url;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/embed", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            ObjectNode response = JSON.createObjectNode().put("model", request.path("model").asText());
            ArrayNode embeddings = response.putArray("embeddings");
            JsonNode input = request.path("input");
            for (JsonNode text : input.isArray() ? input : JSON.createArrayNode().add(input)) {
                ArrayNode vector = embeddings.addArray();
                for (float v : bagOfWords(text.asText())) {
                    vector.add(v);
                }
            }
            byte[] body = response.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static float[] bagOfWords(String text) {
        float[] v = new float[DIM];
        for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (!word.isEmpty()) {
                v[Math.floorMod(word.hashCode(), DIM)] += 1;
            }
        }
        v[0] += 0.01f;
        return v;
    }

    @Test
    void anOllamaModelEmbedsRecallsAndIsRecordedWithItsDimension() {
        Embedder ollama = Embedder.named("ollama:nomic-embed-text", url, Duration.ofSeconds(10), new dev.hearth.kernel.cell.CellScope());
        try (Memory memory = Memory.builder(tmp).embedder(ollama).build()) {
            memory.remember("the boiler code is BX-2291", "ollama", List.of());
            memory.remember("sourdough needs a starter", "ollama", List.of());
            List<Recalled> hits = memory.recall(new Memory.RecallRequest("sourdough starter", 1, "ollama", java.util.Map.of(), RecallMode.VECTOR));
            assertEquals("sourdough needs a starter", hits.get(0).text());
            assertEquals(new ModelInfo("ollama:nomic-embed-text", DIM), memory.stats("ollama").model());
        }
        try (Memory other = Memory.builder(tmp).embedder(TestModels.embedder()).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.recall(
                    new Memory.RecallRequest("boiler", 1, "ollama", java.util.Map.of(), null)));
            assertTrue(e.getMessage().contains("built with the embedding model ollama:nomic-embed-text"), e.getMessage());
        }
    }

    @Test
    void unknownModelNamesAndAMissingServerAreExplained() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Embedder.named("mystery-model", url, Duration.ofSeconds(1), new dev.hearth.kernel.cell.CellScope()));
        assertTrue(unknown.getMessage().contains("ollama:MODEL"), unknown.getMessage());
        server.stop(0);
        Embedder down = Embedder.named("ollama:nomic-embed-text", url, Duration.ofSeconds(2), new dev.hearth.kernel.cell.CellScope());
        RuntimeException e = assertThrows(RuntimeException.class, () -> down.embed("hello"));
        assertTrue(e.getMessage() != null, "an error with a message");
    }
}
