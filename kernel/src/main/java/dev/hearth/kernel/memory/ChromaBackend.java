package dev.hearth.kernel.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.kernel.cell.CellInterruptedException;
import dev.hearth.kernel.cell.CellScope;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.chroma.ChromaApiVersion;
import dev.langchain4j.store.embedding.chroma.ChromaEmbeddingStore;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Collections on a Chroma 1.x server (API v2). Entries go through langchain4j's
 * {@link ChromaEmbeddingStore}; the model is recorded in the Chroma collection's own metadata
 * ({@code hearth_model}, {@code hearth_dimension}), and listing, counting and reading back use
 * Chroma's REST API directly, which the langchain4j store does not expose.
 */
public final class ChromaBackend implements MemoryBackend {

    private static final String TENANT = "default_tenant";
    private static final String DATABASE = "default_database";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final CellScope cells;
    private final Map<String, EmbeddingStore<TextSegment>> open = new ConcurrentHashMap<>();

    /**
     * A backend on the Chroma server at {@code baseUrl}; every call gives up after {@code timeout},
     * or at once when the running cell of {@code cells} is interrupted.
     */
    public ChromaBackend(String baseUrl, Duration timeout, CellScope cells) {
        if (baseUrl == null || !baseUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("A Chroma URL looks like http://localhost:8000, not '" + baseUrl + "'");
        }
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.timeout = timeout;
        this.cells = cells;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "chroma";
    }

    @Override
    public String location() {
        return baseUrl;
    }

    private String collectionsUrl() {
        return baseUrl + "/api/v2/tenants/" + TENANT + "/databases/" + DATABASE + "/collections";
    }

    @Override
    public void create(String collection, ModelInfo model) {
        ObjectNode body = JSON.createObjectNode().put("name", collection).put("get_or_create", true);
        body.putObject("metadata").put("hnsw:space", "cosine").put("hearth_model", model.name())
                .put("hearth_dimension", model.dimension());
        call("POST", collectionsUrl(), body);
    }

    @Override
    public EmbeddingStore<TextSegment> store(String collection, ModelInfo model) {
        return open.computeIfAbsent(collection, c -> new InterruptibleStore(ChromaEmbeddingStore.builder()
                .baseUrl(baseUrl)
                .apiVersion(ChromaApiVersion.V2)
                .tenantName(TENANT)
                .databaseName(DATABASE)
                .collectionName(c)
                .timeout(timeout)
                .build(), cells));
    }

    private Optional<JsonNode> collection(String name) {
        JsonNode node = call("GET", collectionsUrl() + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8), null);
        return Optional.ofNullable(node);
    }

    @Override
    public Optional<ModelInfo> modelOf(String collection) {
        return collection(collection).map(c -> {
            JsonNode meta = c.path("metadata");
            if (!meta.hasNonNull("hearth_model")) {
                throw new IllegalStateException("The Chroma collection '" + collection
                        + "' was not created by Hearth (it records no embedding model); use another name");
            }
            return new ModelInfo(meta.get("hearth_model").asText(), meta.path("hearth_dimension").asInt());
        });
    }

    @Override
    public List<String> collections() {
        JsonNode list = call("GET", collectionsUrl(), null);
        List<String> names = new ArrayList<>();
        if (list != null) {
            list.forEach(c -> names.add(c.path("name").asText()));
        }
        names.sort(null);
        return names;
    }

    @Override
    public long count(String collection) {
        return collection(collection).map(c -> call("GET", collectionsUrl() + "/" + c.path("id").asText() + "/count", null)
                .asLong()).orElse(0L);
    }

    @Override
    public void forEach(String collection, Consumer<StoredChunk> each) {
        Optional<JsonNode> c = collection(collection);
        if (c.isEmpty()) {
            return;
        }
        String url = collectionsUrl() + "/" + c.get().path("id").asText() + "/get";
        int pageSize = 500;
        for (int offset = 0; ; offset += pageSize) {
            ObjectNode body = JSON.createObjectNode().put("limit", pageSize).put("offset", offset);
            body.putArray("include").add("documents").add("metadatas").add("embeddings");
            JsonNode page = call("POST", url, body);
            JsonNode ids = page.path("ids");
            for (int i = 0; i < ids.size(); i++) {
                float[] vector = new float[page.path("embeddings").get(i).size()];
                for (int j = 0; j < vector.length; j++) {
                    vector[j] = (float) page.path("embeddings").get(i).get(j).asDouble();
                }
                JsonNode doc = page.path("documents").get(i);
                TextSegment segment = doc == null || doc.isNull() ? null
                        : TextSegment.from(doc.asText(), metadata(page.path("metadatas").get(i)));
                each.accept(new StoredChunk(ids.get(i).asText(), Embedding.from(vector), segment));
            }
            if (ids.size() < pageSize) {
                return;
            }
        }
    }

    private static Metadata metadata(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                if (v.isInt()) {
                    map.put(e.getKey(), v.asInt());
                } else if (v.isIntegralNumber()) {
                    map.put(e.getKey(), v.asLong());
                } else if (v.isNumber()) {
                    map.put(e.getKey(), v.asDouble());
                } else if (!v.isNull()) {
                    map.put(e.getKey(), v.asText());
                }
            });
        }
        return new Metadata(map);
    }

    @Override
    public synchronized void drop(String collection) {
        open.remove(collection);
        if (collection(collection).isPresent()) {
            call("DELETE", collectionsUrl() + "/" + URLEncoder.encode(collection, StandardCharsets.UTF_8), null);
        }
    }

    /** Whether the server answers its heartbeat. */
    public boolean isUp() {
        try {
            call("GET", baseUrl + "/api/v2/heartbeat", null);
            return true;
        } catch (CellInterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** One REST call; {@code null} for 404, the parsed body otherwise. Interrupting the cell ends it. */
    private JsonNode call(String method, String url, JsonNode body) {
        return cells.interruptibly(() -> callOnce(method, url, body));
    }

    private JsonNode callOnce(String method, String url, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Chroma at " + baseUrl + " answered " + response.statusCode() + " to "
                        + method + " " + url.substring(baseUrl.length()) + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach Chroma at " + baseUrl + " (" + e.getMessage()
                    + "); check the URL with %memory backend chroma URL or HEARTH_CHROMA_URL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling Chroma", e);
        }
    }

    @Override
    public void close() {
        open.clear();
    }
}
