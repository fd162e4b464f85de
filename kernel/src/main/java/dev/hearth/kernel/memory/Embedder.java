package dev.hearth.kernel.memory;

import dev.hearth.kernel.cell.CellScope;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An embedding model named the Hearth way, loaded at first use (an ONNX model takes a second or
 * two and a few hundred MB; kernel start-up must not pay for it).
 *
 * <p>Names: {@value #DEFAULT_MODEL} (in-process, offline) or {@code ollama:MODEL} (an Ollama
 * server at the given URL).
 */
public final class Embedder {

    static {
        // The ONNX models run on DJL, whose usage tracking calls the cloud metadata address
        // (169.254.169.254) once a day: Hearth sends nothing anywhere, so it is always off.
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    /** The in-process default: bge-small-en-v1.5, quantized, 384 dimensions. */
    public static final String DEFAULT_MODEL = "bge-small-en-v15-q";

    private final String name;
    private final String ollamaUrl;
    private final Duration timeout;
    private final CellScope cells;
    private final InputPrefixes prefixes;
    private volatile EmbeddingModel model;
    private volatile ModelInfo info;

    private Embedder(String name, String ollamaUrl, Duration timeout, CellScope cells, InputPrefixes prefixes) {
        this.name = name;
        this.ollamaUrl = ollamaUrl;
        this.timeout = timeout;
        this.cells = cells;
        this.prefixes = prefixes;
    }

    /**
     * An embedder for {@code name}.
     *
     * @param ollamaUrl the Ollama server for {@code ollama:} names
     * @param cells     whose running cell interrupts a call to Ollama
     * @throws IllegalArgumentException for a name Hearth does not know
     */
    public static Embedder named(String name, String ollamaUrl, Duration timeout, CellScope cells) {
        Objects.requireNonNull(name, "name");
        String n = name.strip();
        if (!n.equals(DEFAULT_MODEL) && !(n.startsWith("ollama:") && n.length() > "ollama:".length())) {
            throw new IllegalArgumentException("Unknown embedding model '" + name + "': use " + DEFAULT_MODEL
                    + " (in-process) or ollama:MODEL, e.g. ollama:nomic-embed-text");
        }
        return new Embedder(n, ollamaUrl, timeout, cells, InputPrefixes.forModel(n));
    }

    /** Wraps an already built langchain4j model under {@code name}, with that model's prefixes (for tools and tests). */
    public static Embedder of(String name, EmbeddingModel model) {
        return of(name, model, InputPrefixes.forModel(name));
    }

    /** Wraps an already built langchain4j model under {@code name} with the given prefixes (e.g. to measure without them). */
    public static Embedder of(String name, EmbeddingModel model, InputPrefixes prefixes) {
        Embedder embedder = new Embedder(name, null, null, new CellScope(), Objects.requireNonNull(prefixes, "prefixes"));
        embedder.model = model;
        return embedder;
    }

    /** The default in-process model. */
    public static Embedder defaultModel() {
        return named(DEFAULT_MODEL, null, null, new CellScope());
    }

    /** The name this embedder was created with. */
    public String name() {
        return name;
    }

    /** The langchain4j model, loading it now if needed. */
    public EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = load();
                }
                m = model;
            }
        }
        return m;
    }

    /** Whether the model has been loaded already. */
    public boolean isLoaded() {
        return model != null;
    }

    /** Name and dimension (loads the model, and for Ollama asks the server once). */
    public ModelInfo info() {
        ModelInfo i = info;
        if (i == null) {
            i = new ModelInfo(name, remotely(() -> model().dimension()));
            info = i;
        }
        return i;
    }

    /** What this embedder puts before queries and before stored passages. */
    public InputPrefixes prefixes() {
        return prefixes;
    }

    /** Embeds one text as it is, with no prefix. */
    public Embedding embed(String text) {
        return remotely(() -> model().embed(text).content());
    }

    /** Embeds a search query the way the model expects queries (BGE: with its query instruction). */
    public Embedding embedQuery(String query) {
        return embed(prefixes.query() + query);
    }

    /** Embeds passages to store, in one call, the way the model expects passages. */
    public List<Embedding> embedDocuments(List<TextSegment> segments) {
        List<TextSegment> texts = prefixes.document().isEmpty() ? segments
                : segments.stream().map(s -> TextSegment.from(prefixes.document() + s.text(), s.metadata())).toList();
        return remotely(() -> model().embedAll(texts).content());
    }

    /** A call to an Ollama model ends when the cell is interrupted; the in-process model just runs. */
    private <T> T remotely(java.util.function.Supplier<T> call) {
        return name.startsWith("ollama:") ? cells.interruptibly(call) : call.get();
    }

    private EmbeddingModel load() {
        if (name.equals(DEFAULT_MODEL)) {
            return new BgeSmallEnV15QuantizedEmbeddingModel();
        }
        if (ollamaUrl == null || ollamaUrl.isBlank()) {
            throw new IllegalStateException("The embedding model " + name + " needs an Ollama server: set ollama.url"
                    + " (%config ollama.url=http://localhost:11434 or HEARTH_OLLAMA_URL)");
        }
        return OllamaEmbeddingModel.builder()
                .baseUrl(ollamaUrl)
                .modelName(name.substring("ollama:".length()))
                .timeout(timeout == null ? Duration.ofSeconds(60) : timeout)
                .maxRetries(1)
                .build();
    }
}
