package dev.hearth.kernel.memory;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedded backend: one Lucene index per collection under {@code DIR/NAME/index}, with the
 * embedding model recorded in {@code DIR/NAME/collection.properties}. No server.
 */
public final class LuceneBackend implements MemoryBackend {

    private static final String INFO_FILE = "collection.properties";

    private final Path root;
    private final java.time.Duration lockWait;
    private final Map<String, LuceneEmbeddingStore> open = new ConcurrentHashMap<>();

    /**
     * A backend keeping its collections under {@code root} (Hearth uses {@code HEARTH_HOME/memory/embedded});
     * a write waits up to {@code lockWait} while another process writes the same collection.
     */
    public LuceneBackend(Path root, java.time.Duration lockWait) {
        this.root = root;
        this.lockWait = lockWait;
    }

    /** A backend whose writes wait up to 30 s for another process. */
    public LuceneBackend(Path root) {
        this(root, java.time.Duration.ofSeconds(30));
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public void create(String collection, ModelInfo model) {
        writeInfo(collection, model);
    }

    @Override
    public EmbeddingStore<TextSegment> store(String collection, ModelInfo model) {
        return open.computeIfAbsent(collection, c -> LuceneEmbeddingStore.open(dir(c).resolve("index"), model.dimension(), lockWait));
    }

    private Path dir(String collection) {
        return root.resolve(collection);
    }

    private void writeInfo(String collection, ModelInfo model) {
        try {
            Files.createDirectories(dir(collection));
            Properties props = new Properties();
            props.setProperty("model", model.name());
            props.setProperty("dimension", String.valueOf(model.dimension()));
            dev.hearth.api.AtomicFiles.write(dir(collection).resolve(INFO_FILE), out -> props.store(out, "Hearth memory collection"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the collection " + collection + " in " + root + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ModelInfo> modelOf(String collection) {
        Path file = dir(collection).resolve(INFO_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
            return Optional.of(new ModelInfo(props.getProperty("model"), Integer.parseInt(props.getProperty("dimension"))));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The collection file " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> collections() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(INFO_FILE))).map(d -> d.getFileName().toString())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<LuceneEmbeddingStore> existing(String collection) {
        return modelOf(collection).map(m -> (LuceneEmbeddingStore) store(collection, m));
    }

    @Override
    public long count(String collection) {
        return existing(collection).map(LuceneEmbeddingStore::count).orElse(0L);
    }

    @Override
    public void forEach(String collection, Consumer<StoredChunk> each) {
        existing(collection).ifPresent(s -> s.forEach(each));
    }

    @Override
    public synchronized void drop(String collection) {
        LuceneEmbeddingStore store = open.remove(collection);
        if (store != null) {
            store.close();
        }
        Path dir = dir(collection);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            // the info file goes first, so a crash half-way leaves no collection that looks valid
            Files.deleteIfExists(dir.resolve(INFO_FILE));
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(LuceneEmbeddingStore::close);
        open.clear();
    }
}
