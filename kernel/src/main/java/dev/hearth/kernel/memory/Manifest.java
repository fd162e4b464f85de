package dev.hearth.kernel.memory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What has been ingested into one collection: per source file, its content hash and the ids of its
 * chunks. Saved atomically (write a temporary file, then rename) after every commit of the store, so
 * an interrupted or killed ingest resumes where it stopped.
 */
public final class Manifest {

    /**
     * One ingested source.
     *
     * @param hash   SHA-256 of the file's bytes
     * @param chunks the ids of its chunks in the store
     * @param format the {@link ChunkFormat#VERSION} it was chunked with (0 in manifests older than the field:
     *               such files are re-ingested)
     */
    public record Entry(String hash, List<String> chunks, int format) {

        /** An entry in the current chunk format. */
        public Entry(String hash, List<String> chunks) {
            this(hash, chunks, ChunkFormat.VERSION);
        }

        /** Whether {@code hash} is this entry's content and it was chunked the way this version chunks. */
        public boolean isCurrent(String hash) {
            return this.hash.equals(hash) && format == ChunkFormat.VERSION;
        }
    }

    private static final ObjectMapper JSON = dev.hearth.kernel.json.Json.mapper();
    private final Path file;
    private final Map<String, Entry> entries;

    private Manifest(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** Loads the manifest at {@code file}, or an empty one when there is none. */
    public static Manifest load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new Manifest(file, new TreeMap<>());
        }
        try {
            return new Manifest(file, new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, Entry>>() { })));
        } catch (IOException e) {
            throw new UncheckedIOException("The ingest manifest " + file + " is unreadable (" + e.getMessage()
                    + "); delete it to re-ingest everything", e);
        }
    }

    public synchronized Optional<Entry> get(String source) {
        return Optional.ofNullable(entries.get(source));
    }

    public synchronized void put(String source, Entry entry) {
        entries.put(source, entry);
    }

    public synchronized void remove(String source) {
        entries.remove(source);
    }

    /** The sources recorded, sorted. */
    public synchronized List<String> sources() {
        return List.copyOf(entries.keySet());
    }

    /** Writes the manifest atomically. */
    public synchronized void save() {
        try {
            byte[] json = JSON.writeValueAsBytes(entries);
            dev.hearth.api.AtomicFiles.write(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the ingest manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the saved manifest. */
    public synchronized void delete() {
        entries.clear();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
