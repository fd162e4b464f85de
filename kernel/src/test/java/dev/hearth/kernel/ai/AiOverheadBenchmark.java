package dev.hearth.kernel.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.DisplayHandle;
import dev.hearth.kernel.cell.StreamName;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.eval.JShellEvaluator;
import dev.hearth.kernel.magic.MagicRegistry;
import dev.hearth.kernel.session.ExecutionHistory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code %%ai} overhead over a direct HTTP call to the same Ollama-compatible endpoint (the tiny
 * model served by {@link LocalModelServer}, every answer exactly {@code TOKENS} tokens long):
 * median time to first token and median total time, the arms interleaved in one run.
 * The {@code %%ai} arm goes through the real magic registry, prompt filling, langchain4j-ollama,
 * the live display and the binding of {@code _ai} in a real JShell session.
 *
 * <p>Run with {@code bench/ai-overhead.sh [RUNS] [TOKENS] [REPLAY_MS]}. With {@code REPLAY_MS}, the
 * server answers every request after the first round by replaying the recorded answer at that many
 * milliseconds a token, so that the model's speed (which drifts with the load of the two cores the
 * clients share) drops out and only the clients' own cost remains.
 */
public final class AiOverheadBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AiOverheadBenchmark() {
    }

    /** One measurement in nanoseconds. */
    record Sample(long ttft, long total, int chars, long shown) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int warmup = 5;
        // Optional: after the first round, the server replays the recorded answer at this many ms a token.
        java.time.Duration replay = args.length > 2
                ? java.time.Duration.ofNanos(Math.round(Double.parseDouble(args[2]) * 1e6)) : null;
        Path home = Files.createTempDirectory("hearth-bench-ai");
        GgufChatModel model = GgufChatModel.of(TinyModel.path(), 1024);
        try (LocalModelServer server = LocalModelServer.start(Map.of(TinyModel.NAME, model)).fullLength(true);
             JShellEvaluator evaluator = JShellEvaluator.start(List.of())) {
            HearthConfig config = TinyModel.config(home, server.url(), null);
            config.set("model", "ollama:" + TinyModel.NAME);
            AiService service = AiService.builder(ModelRegistry.builder(config).build()).build();
            Ai ai = new Ai(service, new ChatStore(home.resolve("chats")), Patterns.standard(home, home), new dev.hearth.kernel.cell.CellScope());
            MagicRegistry magics = new MagicRegistry();
            new AiMagics(ai, evaluator, new ExecutionHistory(null)).all().forEach(magics::register);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<Sample> direct = new ArrayList<>();
            List<Sample> magic = new ArrayList<>();
            List<Sample> client = new ArrayList<>();
            ModelRegistry registry = service.registry();
            for (int i = 0; i < warmup + runs; i++) {
                // rotate the order of the three arms, so none profits from going first or last
                Sample d = null;
                Sample m = null;
                Sample c = null;
                for (int arm = 0; arm < 3; arm++) {
                    switch ((i + arm) % 3) {
                        case 0 -> d = direct(http, server.url(), tokens);
                        case 1 -> m = magic(magics, tokens);
                        default -> c = langchain4j(registry, tokens);
                    }
                }
                if (i == 0 && replay != null) {
                    server.replay(replay);
                    System.out.printf(Locale.ROOT, "server replays the recorded answer, one token every %.2f ms%n",
                            replay.toNanos() / 1e6);
                }
                if (i >= warmup) {
                    direct.add(d);
                    magic.add(m);
                    client.add(c);
                }
            }
            report(runs, tokens, direct, magic);
            System.out.printf(Locale.ROOT, "langchain4j-ollama alone (no Hearth code): TTFT median %.2f ms, total median %.1f ms%n",
                    medianMillis(client, true), medianMillis(client, false));
            // The model runs on the same cores as the clients, so its speed drifts with the machine's
            // load; differences within a round (the arms run back to back) cancel most of that drift.
            System.out.printf(Locale.ROOT, "paired, median over rounds of the in-round difference:%n");
            System.out.printf(Locale.ROOT, "  %%%%ai - direct HTTP: TTFT %+.2f ms, total %+.1f ms (%+.2f %%)%n",
                    pairedMillis(magic, direct, true), pairedMillis(magic, direct, false), pairedPercent(magic, direct));
            System.out.printf(Locale.ROOT, "  langchain4j alone - direct HTTP: TTFT %+.2f ms, total %+.1f ms (%+.2f %%)%n",
                    pairedMillis(client, direct, true), pairedMillis(client, direct, false), pairedPercent(client, direct));
            System.out.printf(Locale.ROOT, "  %%%%ai - langchain4j alone (Hearth's own share): TTFT %+.2f ms, total %+.1f ms (%+.2f %%)%n",
                    pairedMillis(magic, client, true), pairedMillis(magic, client, false), pairedPercent(magic, client));
            service.close();
        } finally {
            model.close();
        }
        System.exit(0); // llama.cpp's threads may keep the JVM alive
    }

    private static Sample direct(HttpClient http, String url, int tokens) throws Exception {
        String body = JSON.writeValueAsString(Map.of("model", TinyModel.NAME, "stream", true,
                "messages", List.of(Map.of("role", "user", "content", "Hello")),
                "options", Map.of("temperature", 0, "num_predict", tokens, "num_ctx", 4096)));
        long start = System.nanoTime();
        HttpResponse<java.util.stream.Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofLines());
        long first = -1;
        StringBuilder text = new StringBuilder();
        Iterator<String> lines = response.body().iterator();
        while (lines.hasNext()) {
            JsonNode chunk = JSON.readTree(lines.next());
            String content = chunk.path("message").path("content").asText("");
            if (!content.isEmpty() && first < 0) {
                first = System.nanoTime();
            }
            text.append(content);
            if (chunk.path("done").asBoolean()) {
                break;
            }
        }
        long end = System.nanoTime() - start;
        return new Sample(first - start, end, text.length(), end);
    }

    private static Sample langchain4j(ModelRegistry registry, int tokens) throws Exception {
        ModelRef ref = new ModelRef("ollama", TinyModel.NAME);
        ModelSettings settings = ModelSettings.builder().maxTokens(tokens).build().orElse(registry.defaults());
        dev.langchain4j.model.chat.request.ChatRequest request = dev.langchain4j.model.chat.request.ChatRequest.builder()
                .messages(List.of(dev.langchain4j.data.message.UserMessage.from("Hello")))
                .parameters(registry.parameters(ref, settings)).build();
        java.util.concurrent.CompletableFuture<Long> done = new java.util.concurrent.CompletableFuture<>();
        long[] first = {-1};
        long start = System.nanoTime();
        registry.streaming(ref, settings.timeoutOrDefault()).chat(request,
                new dev.langchain4j.model.chat.response.StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String text) {
                        if (first[0] < 0) {
                            first[0] = System.nanoTime();
                        }
                    }

                    @Override
                    public void onCompleteResponse(dev.langchain4j.model.chat.response.ChatResponse response) {
                        done.complete(System.nanoTime());
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });
        long end = done.get(60, java.util.concurrent.TimeUnit.SECONDS);
        return new Sample(first[0] - start, end - start, 0, end - start);
    }

    private static Sample magic(MagicRegistry magics, int tokens) throws Exception {
        long[] first = {-1};
        long[] last = {-1};
        CellContext ctx = new CellContext() {
            @Override
            public void stream(StreamName stream, String text) {
            }

            @Override
            public DisplayHandle display(MimeBundle bundle) {
                if (first[0] < 0) {
                    first[0] = System.nanoTime();
                }
                return new DisplayHandle("bench");
            }

            @Override
            public void update(DisplayHandle handle, MimeBundle bundle) {
                bundle.plainText();
                last[0] = System.nanoTime();
            }

            @Override
            public void clearOutput(boolean wait) {
            }

            @Override
            public String input(String prompt, boolean password) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public AutoCloseable onCancel(Runnable onCancel) {
                return () -> { };
            }
        };
        long start = System.nanoTime();
        magics.invoke("ai", true, "--max-tokens " + tokens, "Hello", ctx);
        long end = System.nanoTime() - start;
        return new Sample(first[0] - start, end, 0, last[0] - start);
    }

    private static double medianMillis(List<Sample> samples, boolean ttft) {
        List<Long> values = new ArrayList<>();
        samples.forEach(s -> values.add(ttft ? s.ttft() : s.total()));
        return median(values);
    }

    private static double pairedMillis(List<Sample> a, List<Sample> b, boolean ttft) {
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            values.add(ttft ? a.get(i).ttft() - b.get(i).ttft() : a.get(i).total() - b.get(i).total());
        }
        return median(values);
    }

    private static double pairedPercent(List<Sample> a, List<Sample> b) {
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            // in millionths, so the median helper's /1e6 yields a fraction; times 100 for percent
            values.add(Math.round(1e6 * (a.get(i).total() - b.get(i).total()) / (double) b.get(i).total()));
        }
        return 100 * median(values);
    }

    private static double medianShown(List<Sample> samples) {
        List<Long> values = new ArrayList<>();
        samples.forEach(s -> values.add(s.shown()));
        return median(values);
    }

    private static double median(List<Long> values) {
        Collections.sort(values);
        int n = values.size();
        double median = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
        return median / 1e6;
    }

    private static void report(int runs, int tokens, List<Sample> direct, List<Sample> magic) {
        double dTtft = medianMillis(direct, true);
        double mTtft = medianMillis(magic, true);
        double dTotal = medianMillis(direct, false);
        double mTotal = medianMillis(magic, false);
        System.out.printf(Locale.ROOT, "runs=%d tokens=%d (answer %d chars)%n", runs, tokens, direct.get(0).chars());
        System.out.printf(Locale.ROOT, "TTFT median   direct HTTP %.2f ms   %%%%ai %.2f ms   added %.2f ms%n", dTtft, mTtft, mTtft - dTtft);
        double mShown = medianShown(magic);
        System.out.printf(Locale.ROOT, "answer fully shown median  direct HTTP %.1f ms   %%%%ai %.1f ms   added %.1f ms (%.2f %%)%n",
                dTotal, mShown, mShown - dTotal, 100 * (mShown - dTotal) / dTotal);
        System.out.printf(Locale.ROOT, "total median  direct HTTP %.1f ms   %%%%ai %.1f ms   added %.1f ms (%.2f %%)%n",
                dTotal, mTotal, mTotal - dTotal, 100 * (mTotal - dTotal) / dTotal);
    }
}
