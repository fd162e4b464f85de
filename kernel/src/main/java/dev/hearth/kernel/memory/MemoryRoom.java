package dev.hearth.kernel.memory;

import dev.hearth.kernel.config.ConfigKey;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.config.OllamaUrl;
import dev.hearth.kernel.room.Room;
import dev.hearth.kernel.room.RoomContext;

import java.time.Duration;

/**
 * The memory room: the {@link Memory} service built from the session's settings, the magics
 * {@code %memory}, {@code %recall} and {@code %remember}, the {@code memory} variable of cells, and
 * the service offered to later rooms ({@code %%ai --memory}).
 */
public final class MemoryRoom implements Room {

    /** Backend: embedded or chroma, read at each use. */
    public static final ConfigKey BACKEND = ConfigKey.of("memory.backend", "memory backend: embedded or chroma (%memory backend switches it)", "embedded");
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
    /** Timeout of one call to Chroma or Ollama. */
    public static final ConfigKey TIMEOUT = ConfigKey.of("memory.timeout.seconds", "timeout of one call to Chroma or Ollama", "60");
    /** How long a write waits while another process writes the same embedded collection. */
    public static final ConfigKey LOCK_WAIT = ConfigKey.of("memory.lock.wait.seconds",
            "how long a write waits while another process writes the same embedded collection", "30");

    @Override
    public void install(RoomContext room) {
        room.declare(BACKEND, MODEL, COLLECTION, CHUNK, OVERLAP, MAX_FILE_KB, CHROMA_URL, TIMEOUT, LOCK_WAIT);
        HearthConfig config = room.config();
        Duration timeout = Duration.ofSeconds(config.intValue(TIMEOUT));
        Memory memory = Memory.builder(config.home().resolve("memory"))
                .embedder(Embedder.named(config.value(MODEL), OllamaUrl.of(config), timeout, room.cells()))
                .backendChoice(() -> new BackendChoice(config.value(BACKEND), config.get(CHROMA_URL.name(), null)))
                .chromaTimeout(timeout)
                .cells(room.cells())
                .defaultCollection(config.value(COLLECTION))
                .chunking(config.intValue(CHUNK), config.intValue(OVERLAP))
                .maxFileBytes(config.longValue(MAX_FILE_KB) * 1024)
                .lockWait(Duration.ofSeconds(config.intValue(LOCK_WAIT)))
                .build();
        MemoryMagics magics = new MemoryMagics(memory, room.evaluator(), config);
        room.magic(magics.memoryMagic(), magics.recallMagic(), magics.rememberMagic())
                .bind("memory", Memory.class, memory)
                .offer(Memory.class, memory)
                .closeAtShutdown(memory);
    }
}
