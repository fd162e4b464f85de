package dev.hearth.kernel.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An Ollama-compatible and OpenAI-compatible HTTP server on a loopback port, serving GGUF models
 * through {@link GgufChatModel}: {@code /api/version}, {@code /api/tags}, {@code /api/show},
 * {@code /api/chat} (NDJSON stream), {@code /api/generate}, {@code /v1/models}, {@code /v1/chat/completions} (SSE).
 * With {@code tools} in an Ollama chat request it renders them as the model was trained ({@code Tools:}
 * line in the system prompt) and returns {@code <tool_call>} answers as {@code message.tool_calls}.
 * For failure tests it can answer 500, hang, or send a malformed stream on the same wire format.
 *
 * <p>Run as a program to point notebooks at it:
 * {@code java -cp ... dev.hearth.kernel.ai.LocalModelServer MODEL.gguf [PORT] [NAME]}.
 */
public final class LocalModelServer implements AutoCloseable {

    /** What the chat endpoints do instead of answering normally. */
    public enum Fault { NONE, HTTP_500, HANG, MALFORMED }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, GgufChatModel> models;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Fault fault = Fault.NONE;
    private final java.util.Queue<String> scriptedToolReplies = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.Queue<Scripted> scriptedReplies = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A streamed answer written by a test: thinking chunks (on Ollama's thinking channel), then content chunks. */
    private record Scripted(List<String> thinking, List<String> content, int promptTokens, int answerTokens) {
    }
    private volatile Duration tokenDelay = Duration.ZERO;
    private volatile boolean fullLength;
    private volatile Duration replayInterval;
    private final Map<String, List<String>> recordedAnswers = new java.util.concurrent.ConcurrentHashMap<>();

    private LocalModelServer(Map<String, GgufChatModel> models, int port) throws IOException {
        this.models = Map.copyOf(models);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-model-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code models} (name -> model) on a free loopback port. */
    public static LocalModelServer start(Map<String, GgufChatModel> models) throws IOException {
        return new LocalModelServer(models, 0);
    }

    /** Serves {@code models} on {@code port} (0 for a free one). */
    public static LocalModelServer start(Map<String, GgufChatModel> models, int port) throws IOException {
        return new LocalModelServer(models, port);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:43210} (Ollama's base; OpenAI's is {@code + "/v1"}). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Makes the chat endpoints fail in the given way from now on. */
    /**
     * The next chat request that offers tools is answered with {@code modelOutput} (e.g. a
     * {@code <tool_call>} for {@code files_write}) instead of the model's own answer: it stands in for
     * a model that calls an action the tiny test model was never trained on. Later requests go to
     * the model again.
     */
    public LocalModelServer scriptToolReply(String modelOutput) {
        scriptedToolReplies.add(modelOutput);
        return this;
    }

    /**
     * The next streamed Ollama chat request is answered with these chunks instead of the model's
     * own answer: each of {@code thinking} as {@code message.thinking}, then each of
     * {@code content} as {@code message.content}, then a final chunk whose {@code prompt_eval_count}
     * and {@code eval_count} are the given counts. It stands in for a reasoning model.
     */
    public LocalModelServer scriptReply(List<String> thinking, List<String> content, int promptTokens, int answerTokens) {
        scriptedReplies.add(new Scripted(thinking, content, promptTokens, answerTokens));
        return this;
    }

    public LocalModelServer fault(Fault fault) {
        this.fault = fault;
        return this;
    }

    /** Waits this long before sending each token (to interrupt a stream mid-way). */
    public LocalModelServer tokenDelay(Duration delay) {
        this.tokenDelay = delay;
        return this;
    }

    /**
     * From now on, a streamed Ollama chat request that was answered before is answered again with
     * the same tokens, one every {@code interval}, without running the model (for benchmarks: the
     * server then paces the stream exactly, and the model's speed no longer drifts with the load of
     * the machine the clients share).
     */
    public LocalModelServer replay(Duration interval) {
        this.replayInterval = interval;
        return this;
    }

    /** With {@code true}, every answer runs to its maximum token count (for benchmarks). */
    public LocalModelServer fullLength(boolean fullLength) {
        this.fullLength = fullLength;
        return this;
    }

    /** Every chat request body received, oldest first. */
    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** The last chat request body. */
    public JsonNode lastRequest() {
        List<JsonNode> all = received();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            requests.add(method + " " + path);
            switch (method + " " + path) {
                case "GET /api/version" -> send(exchange, 200, Map.of("version", "0.6.0"));
                case "GET /api/tags" -> send(exchange, 200, Map.of("models", tags()));
                case "POST /api/show" -> show(exchange);
                case "POST /api/chat" -> chat(exchange, false);
                case "POST /api/generate" -> generate(exchange);
                case "POST /api/embed" -> embed(exchange);
                case "GET /v1/models" -> send(exchange, 200, Map.of("object", "list", "data",
                        models.keySet().stream().map(n -> Map.of("id", n, "object", "model", "owned_by", "hearth-test")).toList()));
                case "POST /v1/chat/completions" -> chat(exchange, true);
                default -> send(exchange, 404, Map.of("error", "no endpoint " + method + " " + path));
            }
        } catch (IOException | UncheckedIOException e) {
            // the client went away
        }
    }

    /** Every request so far as {@code METHOD /path}, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * Ollama's {@code /api/embed}: one vector per input. The vectors are hashed bags of words (texts
     * sharing words are close): the tiny chat model is no embedding model.
     */
    private void embed(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        JsonNode input = body.path("input");
        List<float[]> vectors = new ArrayList<>();
        for (JsonNode text : input.isArray() ? input : JSON.createArrayNode().add(input)) {
            float[] vector = new float[32];
            for (String word : text.asText().toLowerCase(java.util.Locale.ROOT).split("\\W+")) {
                vector[Math.floorMod(word.hashCode(), vector.length)] += 1;
            }
            vector[0] += 0.01f;
            vectors.add(vector);
        }
        send(exchange, 200, Map.of("model", body.path("model").asText(), "embeddings", vectors));
    }

    private List<Map<String, Object>> tags() throws IOException {
        List<Map<String, Object>> tags = new ArrayList<>();
        for (Map.Entry<String, GgufChatModel> e : models.entrySet()) {
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("name", e.getKey());
            tag.put("model", e.getKey());
            tag.put("modified_at", "2026-01-01T00:00:00Z");
            tag.put("size", Files.size(e.getValue().path()));
            tag.put("digest", Integer.toHexString(e.getKey().hashCode()));
            tag.put("details", details());
            tags.add(tag);
        }
        return tags;
    }

    private static Map<String, Object> details() {
        return Map.of("format", "gguf", "family", "llama", "parameter_size", "3M", "quantization_level", "F32");
    }

    private void show(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        String name = body.path("model").asText(body.path("name").asText());
        if (!models.containsKey(name)) {
            send(exchange, 404, Map.of("error", "model '" + name + "' not found"));
            return;
        }
        send(exchange, 200, Map.of("modelfile", "", "parameters", "", "template", "ChatML", "details", details()));
    }

    private void chat(HttpExchange exchange, boolean openai) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        received.add(body);
        String name = body.path("model").asText();
        GgufChatModel model = models.get(name);
        if (model == null) {
            send(exchange, 404, openai
                    ? Map.of("error", Map.of("message", "The model `" + name + "` does not exist", "type", "invalid_request_error"))
                    : Map.of("error", "model \"" + name + "\" not found, try pulling it first"));
            return;
        }
        switch (fault) {
            case HTTP_500 -> {
                send(exchange, 500, openai ? Map.of("error", Map.of("message", "llama runner crashed: out of memory"))
                        : Map.of("error", "llama runner crashed: out of memory"));
                return;
            }
            case HANG -> {
                awaitClose(Duration.ofSeconds(60));
                return;
            }
            case MALFORMED -> {
                exchange.getResponseHeaders().set("Content-Type", openai ? "text/event-stream" : "application/x-ndjson");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write((openai ? "data: {\"choices\": [{\"delta\": {\"content\": \"Hel\n\n" : "{\"message\": {\"role\": \"assis\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                return;
            }
            default -> {
            }
        }
        boolean stream = openai ? body.path("stream").asBoolean(false) : body.path("stream").asBoolean(true);
        Scripted scripted = openai || !stream ? null : scriptedReplies.poll();
        if (scripted != null) {
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String thought : scripted.thinking()) {
                writeEvent(out, Map.of("model", name, "created_at", java.time.Instant.now().toString(),
                        "message", Map.of("role", "assistant", "content", "", "thinking", thought), "done", false), false);
            }
            for (String token : scripted.content()) {
                writeEvent(out, ollamaChunk(name, token, false, null), false);
            }
            Map<String, Object> last = ollamaChunk(name, "", true, null);
            last.put("prompt_eval_count", scripted.promptTokens());
            last.put("eval_count", scripted.answerTokens());
            writeEvent(out, last, false);
            out.flush();
            return;
        }
        JsonNode options = openai ? body : body.path("options");
        ModelSettings settings = ModelSettings.builder()
                .temperature(options.has("temperature") ? options.get("temperature").asDouble() : null)
                .seed(options.has("seed") ? options.get("seed").asInt() : null)
                .topP(options.has("top_p") ? options.get("top_p").asDouble() : null)
                .maxTokens(openai ? (body.has("max_tokens") ? body.get("max_tokens").asInt() : null)
                        : (options.has("num_predict") ? options.get("num_predict").asInt() : null))
                .build();
        String schema = schemaOf(body, openai);
        List<ChatMessage> messages = messages(body.path("messages"));
        if (!openai && body.path("tools").size() > 0) {
            toolAnswer(exchange, name, model, offerTools(messages, body.path("tools")), settings, stream);
            return;
        }
        if (!stream) {
            ChatResponse response = model.generate(messages, settings, schema, t -> { }, () -> false);
            String text = response.aiMessage().text();
            send(exchange, 200, openai ? openaiFinal(name, text) : ollamaChunk(name, text, true, response));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", openai ? "text/event-stream" : "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        AtomicBoolean gone = new AtomicBoolean();
        long start = System.nanoTime();
        String answerKey = messages + "|" + settings;
        List<String> recorded = openai ? null : recordedAnswers.get(answerKey);
        if (recorded != null && replayInterval != null) {
            replayTokens(out, name, recorded, start);
            return;
        }
        List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
        ChatResponse response = model.generate(messages, settings, schema, token -> {
            tokens.add(token);
            if (gone.get()) {
                return;
            }
            try {
                if (!tokenDelay.isZero()) {
                    Thread.sleep(tokenDelay.toMillis());
                }
                Object chunk = openai ? openaiChunk(name, token, null) : ollamaChunk(name, token, false, null);
                writeEvent(out, chunk, openai);
            } catch (IOException | InterruptedException e) {
                gone.set(true);
            }
        }, gone::get, fullLength);
        if (gone.get()) {
            return;
        }
        if (!openai) {
            recordedAnswers.putIfAbsent(answerKey, List.copyOf(tokens));
        }
        if (openai) {
            writeEvent(out, openaiChunk(name, null, "stop"), true);
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        } else {
            Map<String, Object> last = ollamaChunk(name, "", true, response);
            last.put("total_duration", System.nanoTime() - start);
            writeEvent(out, last, false);
        }
        out.flush();
    }

    private void replayTokens(OutputStream out, String name, List<String> tokens, long start) throws IOException {
        long interval = replayInterval.toNanos();
        try {
            for (int i = 0; i < tokens.size(); i++) {
                long wait;
                while ((wait = start + (i + 1) * interval - System.nanoTime()) > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                writeEvent(out, ollamaChunk(name, tokens.get(i), false, null), false);
            }
            Map<String, Object> last = ollamaChunk(name, "", true, null);
            last.put("total_duration", System.nanoTime() - start);
            writeEvent(out, last, false);
            out.flush();
        } catch (IOException e) {
            // the client went away
        }
    }

    /** Ollama's {@code /api/generate}: {@code prompt} (and {@code system}) as one user turn; {@code response} chunks. */
    private void generate(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        received.add(body);
        String name = body.path("model").asText();
        GgufChatModel model = models.get(name);
        if (model == null) {
            send(exchange, 404, Map.of("error", "model \"" + name + "\" not found, try pulling it first"));
            return;
        }
        List<ChatMessage> messages = new ArrayList<>();
        if (body.hasNonNull("system")) {
            messages.add(SystemMessage.from(body.path("system").asText()));
        }
        messages.add(UserMessage.from(body.path("prompt").asText()));
        JsonNode options = body.path("options");
        ModelSettings settings = ModelSettings.builder()
                .temperature(options.has("temperature") ? options.get("temperature").asDouble() : null)
                .maxTokens(options.has("num_predict") ? options.get("num_predict").asInt() : null).build();
        boolean stream = body.path("stream").asBoolean(true);
        if (!stream) {
            ChatResponse response = model.generate(messages, settings, null, t -> { }, () -> false);
            send(exchange, 200, Map.of("model", name, "response", response.aiMessage().text(), "done", true,
                    "done_reason", "stop"));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        model.generate(messages, settings, null, token -> {
            try {
                writeEvent(out, Map.of("model", name, "response", token, "done", false), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, () -> false);
        writeEvent(out, Map.of("model", name, "response", "", "done", true, "done_reason", "stop"), false);
    }

    /** With tools offered (Ollama wire format): the whole answer, as {@code tool_calls} when it is a tool call. */
    private void toolAnswer(HttpExchange exchange, String name, GgufChatModel model, List<ChatMessage> messages,
                            ModelSettings settings, boolean stream) throws IOException {
        String scripted = scriptedToolReplies.poll();
        if (scripted == null) {
            scripted = saveInstruction(messages).orElse(null);
        }
        ChatResponse response = scripted != null ? null : model.generate(messages, settings, null, t -> { }, () -> false);
        String text = scripted != null ? scripted : response.aiMessage().text();
        List<Map<String, Object>> calls = toolCalls(text);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", calls.isEmpty() ? text : "");
        if (!calls.isEmpty()) {
            message.put("tool_calls", calls);
        }
        Map<String, Object> chunk = ollamaChunk(name, "", !stream, response);
        chunk.put("message", message);
        if (!stream) {
            send(exchange, 200, chunk);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        writeEvent(out, chunk, false);
        writeEvent(out, ollamaChunk(name, "", true, response), false);
    }

    private static String schemaOf(JsonNode body, boolean openai) throws IOException {
        JsonNode schema = openai ? body.path("response_format").path("json_schema").path("schema") : body.path("format");
        return schema.isObject() ? JSON.writeValueAsString(schema) : null;
    }

    private static List<ChatMessage> messages(JsonNode array) {
        List<ChatMessage> messages = new ArrayList<>();
        int calls = 0;
        for (JsonNode m : array) {
            String content = m.path("content").isTextual() ? m.path("content").asText() : m.path("content").toString();
            switch (m.path("role").asText()) {
                case "system" -> messages.add(SystemMessage.from(content));
                case "assistant" -> {
                    List<ToolExecutionRequest> requests = new ArrayList<>();
                    for (JsonNode call : m.path("tool_calls")) {
                        JsonNode function = call.path("function");
                        JsonNode arguments = function.path("arguments");
                        requests.add(ToolExecutionRequest.builder().id("call" + calls++).name(function.path("name").asText())
                                .arguments(arguments.isTextual() ? arguments.asText() : arguments.toString()).build());
                    }
                    messages.add(requests.isEmpty() ? AiMessage.from(content) : AiMessage.from(requests));
                }
                case "tool" -> messages.add(ToolExecutionResultMessage.from(m.path("tool_call_id").asText("call"),
                        m.path("name").asText("tool"), PythonJson.reformat(content)));
                default -> messages.add(UserMessage.from(content));
            }
        }
        return messages;
    }

    /** As Ollama's chat template does for tool-trained models: one {@code Tools: name(param), ...} line at the end of the system prompt. */
    private static List<ChatMessage> offerTools(List<ChatMessage> messages, JsonNode tools) {
        List<String> signatures = new ArrayList<>();
        for (JsonNode tool : tools) {
            JsonNode function = tool.path("function");
            List<String> params = new ArrayList<>();
            function.path("parameters").path("properties").fieldNames().forEachRemaining(params::add);
            signatures.add(function.path("name").asText() + "(" + String.join(", ", params) + ")");
        }
        String line = "Tools: " + String.join(", ", signatures);
        List<ChatMessage> offered = new ArrayList<>(messages);
        if (!offered.isEmpty() && offered.get(0) instanceof SystemMessage system) {
            offered.set(0, SystemMessage.from(system.text() + "\n" + line));
        } else {
            offered.add(0, SystemMessage.from(line));
        }
        return offered;
    }

    private static final java.util.regex.Pattern SAVE = java.util.regex.Pattern.compile(
            "Save as: (\\S+)\\s*\n```[a-z]*\n(.*)\n```", java.util.regex.Pattern.DOTALL);

    /**
     * Stands in for a tool-trained model (the tiny test model was never trained to call tools) on the
     * one instruction the recipes give: a user turn (not a tool result) offering {@code files_write}
     * that says {@code Save as: NAME} followed by a fenced block is answered with the
     * {@code files_write} call such a model makes, content copied verbatim from the prompt.
     */
    private static Optional<String> saveInstruction(List<ChatMessage> messages) {
        if (messages.isEmpty() || !(messages.get(messages.size() - 1) instanceof UserMessage user)
                || !(messages.get(0) instanceof SystemMessage system) || !system.text().contains("files_write(")) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = SAVE.matcher(user.singleText());
        if (!m.find()) {
            return Optional.empty();
        }
        Map<String, Object> call = Map.of("name", "files_write",
                "arguments", Map.of("path", m.group(1), "content", m.group(2) + "\n", "overwrite", true));
        try {
            return Optional.of("<tool_call>" + JSON.writeValueAsString(call) + "</tool_call>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final java.util.regex.Pattern TOOL_CALL = java.util.regex.Pattern.compile("<tool_call>(.*?)</tool_call>", java.util.regex.Pattern.DOTALL);

    /** The tool calls in an answer, as Ollama's {@code message.tool_calls}; empty when it is plain text. */
    private static List<Map<String, Object>> toolCalls(String answer) {
        List<Map<String, Object>> calls = new ArrayList<>();
        java.util.regex.Matcher m = TOOL_CALL.matcher(answer);
        while (m.find()) {
            try {
                JsonNode call = JSON.readTree(m.group(1));
                calls.add(Map.of("function", Map.of("name", call.path("name").asText(),
                        "arguments", JSON.convertValue(call.path("arguments"), Map.class))));
            } catch (IOException e) {
                return List.of();
            }
        }
        return calls;
    }

    private static Map<String, Object> ollamaChunk(String model, String text, boolean done, ChatResponse response) {
        Map<String, Object> chunk = new LinkedHashMap<>();
        chunk.put("model", model);
        chunk.put("created_at", java.time.Instant.now().toString());
        chunk.put("message", Map.of("role", "assistant", "content", text));
        chunk.put("done", done);
        if (done) {
            chunk.put("done_reason", "stop");
            chunk.put("prompt_eval_count", 1);
            chunk.put("eval_count", response == null || response.tokenUsage() == null ? 0 : response.tokenUsage().outputTokenCount());
            chunk.put("total_duration", 0);
            chunk.put("load_duration", 0);
            chunk.put("prompt_eval_duration", 0);
            chunk.put("eval_duration", 0);
        }
        return chunk;
    }

    private static Map<String, Object> openaiChunk(String model, String text, String finish) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", text == null ? Map.of() : Map.of("role", "assistant", "content", text));
        choice.put("finish_reason", finish);
        return Map.of("id", "chatcmpl-test", "object", "chat.completion.chunk", "created", 0, "model", model,
                "choices", List.of(choice));
    }

    private static Map<String, Object> openaiFinal(String model, String text) {
        return Map.of("id", "chatcmpl-test", "object", "chat.completion", "created", 0, "model", model,
                "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", text),
                        "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", 1, "completion_tokens", 1, "total_tokens", 2));
    }

    private static void writeEvent(OutputStream out, Object chunk, boolean sse) throws IOException {
        String json = JSON.writeValueAsString(chunk);
        out.write((sse ? "data: " + json + "\n\n" : json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void awaitClose(Duration max) {
        try {
            closing.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    /** {@code MODEL.gguf [PORT] [NAME]}: serves one model until killed. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LocalModelServer MODEL.gguf [PORT] [NAME]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 11434;
        String name = args.length > 2 ? args[2] : "tinychat";
        GgufChatModel model = GgufChatModel.of(file, 2048);
        LocalModelServer server = start(Map.of(name, model), port);
        System.out.println("Serving " + name + " (" + file + ") at " + server.url() + " (Ollama) and " + server.url() + "/v1 (OpenAI)");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            model.close();
        }));
        Thread.currentThread().join();
    }
}
