package dev.hearth.kernel.memory;

import dev.hearth.kernel.config.ConfigKey;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.eval.Evaluator;
import dev.hearth.kernel.magic.MagicRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the memory room of one kernel session from {@link HearthConfig}: the {@link Memory}
 * service, its magics, and the {@code memory} variable of cells.
 */
public final class MemoryRoom implements AutoCloseable {

    /** Backend at start: embedded or chroma. */
    public static final ConfigKey BACKEND = ConfigKey.of("memory.backend", "memory backend at start: embedded or chroma", "embedded");
    /** Embedding model. */
    public static final ConfigKey MODEL = ConfigKey.of("memory.model",
            "embedding model: bge-small-en-v15-q (in-process) or ollama:MODEL", Embedder.DEFAULT_MODEL);
    /** Default collection. */
    public static final ConfigKey COLLECTION = ConfigKey.of("memory.collection", "collection used when none is named",
            Memory.DEFAULT_COLLECTION);
    /** Chunk size. */
    public static final ConfigKey CHUNK = ConfigKey.of("memory.chunk", "largest chunk, in characters",
            String.valueOf(Chunker.DEFAULT_SIZE));
    /** Chunk overlap. */
    public static final ConfigKey OVERLAP = ConfigKey.of("memory.overlap", "characters shared by consecutive chunks",
            String.valueOf(Chunker.DEFAULT_OVERLAP));
    /** File size limit. */
    public static final ConfigKey MAX_FILE_KB = ConfigKey.of("memory.max.file.kb", "files larger than this are skipped", "20480");
    /** Chroma server. */
    public static final ConfigKey CHROMA_URL = ConfigKey.of("chroma.url", "Chroma server for the chroma memory backend, e.g. http://localhost:8000", null);
    /** The Ollama server setting, declared by the ai room; memory reads it for ollama: embedding models. */
    private static final String OLLAMA_URL = "ollama.url";
    /** Timeout of one call to Chroma or Ollama. */
    public static final ConfigKey TIMEOUT = ConfigKey.of("memory.timeout.seconds", "timeout of one call to Chroma or Ollama", "60");

    /** How long a write waits while another process writes the same embedded collection. */
    public static final ConfigKey LOCK_WAIT = ConfigKey.of("memory.lock.wait.seconds",
            "how long a write waits while another process writes the same embedded collection", "30");

    private static final Map<String, Memory> HANDOFF = new ConcurrentHashMap<>();

    private final Memory memory;
    private final String key = UUID.randomUUID().toString();

    private MemoryRoom(Memory memory) {
        this.memory = memory;
        HANDOFF.put(key, memory);
    }

    /** Declares the room's settings and builds its service (nothing is loaded yet). */
    public static MemoryRoom create(HearthConfig config) {
        for (ConfigKey k : new ConfigKey[] {BACKEND, MODEL, COLLECTION, CHUNK, OVERLAP, MAX_FILE_KB, CHROMA_URL, TIMEOUT, LOCK_WAIT}) {
            config.declare(k);
        }
        Duration timeout = Duration.ofSeconds(config.getInt(TIMEOUT.name(), 60));
        Memory memory = Memory.builder(config.home().resolve("memory"))
                .embedder(Embedder.named(config.get(MODEL.name(), Embedder.DEFAULT_MODEL),
                        config.get(OLLAMA_URL, "http://localhost:11434"), timeout))
                .backend(config.get(BACKEND.name(), "embedded"))
                .chromaUrl(config.get(CHROMA_URL.name(), null))
                .chromaTimeout(timeout)
                .defaultCollection(config.get(COLLECTION.name(), Memory.DEFAULT_COLLECTION))
                .chunking(config.getInt(CHUNK.name(), Chunker.DEFAULT_SIZE), config.getInt(OVERLAP.name(), Chunker.DEFAULT_OVERLAP))
                .maxFileBytes(config.getLong(MAX_FILE_KB.name(), 20480) * 1024)
                .lockWait(Duration.ofSeconds(config.getInt(LOCK_WAIT.name(), 30)))
                .build();
        return new MemoryRoom(memory);
    }

    /** The service. */
    public Memory memory() {
        return memory;
    }

    /**
     * The JShell snippet that declares {@code memory} in a session (put it in the evaluator's
     * start-up snippets, so it costs nothing at kernel start).
     */
    public String startupSnippet() {
        return Memory.class.getName() + " memory = " + MemoryRoom.class.getName() + ".take(\"" + key + "\");";
    }

    /** Hands the service to the start-up snippet. Public only because generated cell code calls it. */
    public static Memory take(String key) {
        Memory m = HANDOFF.get(key);
        if (m == null) {
            throw new IllegalStateException("no memory service registered under " + key);
        }
        return m;
    }

    /** Registers {@code %memory}, {@code %recall} and {@code %remember}. */
    public void registerMagics(MagicRegistry magics, Evaluator evaluator) {
        MemoryMagics m = new MemoryMagics(memory, evaluator);
        magics.register(m.memoryMagic()).register(m.recallMagic()).register(m.rememberMagic());
    }

    @Override
    public void close() {
        HANDOFF.remove(key);
        memory.close();
    }
}
