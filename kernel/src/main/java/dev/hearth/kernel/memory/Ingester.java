package dev.hearth.kernel.memory;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Ingest: walks the files, reads and chunks the new and changed ones, embeds the chunks in batches
 * and commits each batch with the manifest. A large note spans several batches, so progress shows
 * and an interrupt stops between batches; what was committed stays searchable, and the next run
 * embeds the unfinished note again.
 */
final class Ingester {

    /** Chunks embedded and committed together. */
    static final int BATCH_CHUNKS = 64;
    private static final String PARTIAL = "partial:";

    private final Backends backends;
    private final DocumentReader reader;
    private final Chunker defaultChunker;

    Ingester(Backends backends, DocumentReader reader, Chunker defaultChunker) {
        this.backends = backends;
        this.reader = reader;
        this.defaultChunker = defaultChunker;
    }

    Chunker chunker(Memory.IngestOptions options) {
        int size = options.chunk() > 0 ? options.chunk() : defaultChunker.size();
        int overlap = options.overlap() >= 0 ? options.overlap() : Math.min(defaultChunker.overlap(), size / 2 - 1);
        return new Chunker(size, overlap);
    }

    IngestSummary ingest(String pathOrGlob, Memory.IngestOptions options, IngestListener listener, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        String collection = backends.collection(options.collection());
        Chunker chunker = chunker(options);
        FileSet files = FileSet.resolve(pathOrGlob);
        MemoryBackend backend = backends.current();
        Manifest manifest = backends.manifest(backend, collection);
        List<String> gone = manifest.sources().stream().filter(files::covers).filter(s -> !Files.exists(Path.of(s))).toList();
        if (files.files().isEmpty() && files.problems().isEmpty() && gone.isEmpty()) {
            throw new IllegalArgumentException("Nothing to ingest: " + pathOrGlob.strip() + " matches no file Hearth reads ("
                    + String.join(", ", DocumentReader.EXTENSIONS.stream().sorted().map(e -> "." + e).toList()) + ")");
        }
        EmbeddingStore<TextSegment> store = backends.store(backend, collection);
        Run run = new Run(store, manifest, listener, files.files().size(), start);
        run.skipped.addAll(files.problems());
        Vault vault = new Vault(files.root(), files.files());
        for (Path file : files.files()) {
            if (cancelled.getAsBoolean()) {
                run.interrupted = true;
                break;
            }
            run.filesDone++;
            String source = file.toString();
            try {
                byte[] bytes = Files.readAllBytes(file);
                String hash = sha256(bytes);
                Manifest.Entry previous = manifest.get(source).orElse(null);
                if (previous != null && previous.isCurrent(hash)) {
                    run.unchanged++;
                    continue;
                }
                ParsedDocument doc = reader.read(file, bytes, vault);
                if (!run.add(source, files.relative(file), hash, previous != null, doc, chunker.chunk(doc), cancelled)) {
                    break;
                }
            } catch (DocumentReader.SkippedException e) {
                run.skipped.add(new IngestSummary.Skipped(source, e.getMessage()));
            } catch (IOException e) {
                run.skipped.add(new IngestSummary.Skipped(source, FileSet.reason(e)));
            }
        }
        run.flush();
        int removed = 0;
        if (!run.interrupted && !gone.isEmpty()) {
            store.removeAll(new IsIn("source", gone));
            gone.forEach(manifest::remove);
            manifest.save();
            removed = gone.size();
        }
        run.progress();
        return new IngestSummary(collection, run.added, run.updated, removed, run.unchanged, run.skipped, run.chunkCount,
                (System.nanoTime() - start) / 1e9, run.interrupted);
    }

    /** The state of one ingest: counts and the batch being filled. */
    private final class Run {
        final EmbeddingStore<TextSegment> store;
        final Manifest manifest;
        final IngestListener listener;
        final int filesTotal;
        final long start;
        final List<IngestSummary.Skipped> skipped = new ArrayList<>();
        int added;
        int updated;
        int unchanged;
        int filesDone;
        long chunkCount;
        boolean interrupted;
        // the batch: chunks to embed and the sources they belong to
        final List<String> ids = new ArrayList<>();
        final List<TextSegment> segments = new ArrayList<>();
        final List<TextSegment> toEmbed = new ArrayList<>();
        final Set<String> starting = new LinkedHashSet<>();
        final Map<String, Finished> finishing = new LinkedHashMap<>();
        // the source split over batches, if any: its ids so far
        String openSource;
        String openHash;
        final List<String> openIds = new ArrayList<>();

        Run(EmbeddingStore<TextSegment> store, Manifest manifest, IngestListener listener, int filesTotal, long start) {
            this.store = store;
            this.manifest = manifest;
            this.listener = listener;
            this.filesTotal = filesTotal;
            this.start = start;
        }

        /** Adds one file's chunks, flushing full batches; false when interrupted in the middle of it. */
        boolean add(String source, String path, String hash, boolean update, ParsedDocument doc, List<Chunk> chunks,
                    BooleanSupplier cancelled) {
            starting.add(source);
            openSource = source;
            openHash = hash;
            openIds.clear();
            Map<String, Object> base = new LinkedHashMap<>(doc.metadata());
            base.putIfAbsent("title", titleOf(path));
            base.put("source", source);
            base.put("path", path);
            int slash = path.lastIndexOf('/');
            if (slash > 0) {
                base.put("folder", path.substring(0, slash));
            }
            String title = String.valueOf(base.get("title"));
            for (int i = 0; i < chunks.size(); i++) {
                Chunk chunk = chunks.get(i);
                String id = UUID.nameUUIDFromBytes((source + "#" + i + "#" + hash).getBytes(StandardCharsets.UTF_8)).toString();
                Map<String, Object> meta = new LinkedHashMap<>(base);
                meta.putAll(doc.sections().get(chunk.section()).metadata());
                meta.put("heading", chunk.heading());
                meta.put("chunk", i);
                ids.add(id);
                openIds.add(id);
                segments.add(TextSegment.from(chunk.text(), new Metadata(meta)));
                toEmbed.add(TextSegment.from(ContextHeader.of(title, base.get("aliases"), chunk.heading()) + chunk.text()));
                if (ids.size() >= BATCH_CHUNKS && i < chunks.size() - 1) {
                    flush();
                    if (cancelled.getAsBoolean()) {
                        // keep what is committed; the next ingest embeds this file again from the start
                        manifest.put(source, new Manifest.Entry(PARTIAL + hash, List.copyOf(openIds)));
                        manifest.save();
                        interrupted = true;
                        return false;
                    }
                }
            }
            finishing.put(source, new Finished(hash, update, List.copyOf(openIds)));
            openSource = null;
            if (ids.size() >= BATCH_CHUNKS) {
                flush();
            }
            return true;
        }

        void flush() {
            if (ids.isEmpty() && starting.isEmpty() && finishing.isEmpty()) {
                return;
            }
            List<Embedding> embeddings = toEmbed.isEmpty() ? List.of() : backends.embedder().embedAll(toEmbed);
            replace(store, starting, ids, embeddings, segments);
            finishing.forEach((source, f) -> {
                manifest.put(source, new Manifest.Entry(f.hash, f.ids));
                if (f.update) {
                    updated++;
                } else {
                    added++;
                }
            });
            if (openSource != null) {
                manifest.put(openSource, new Manifest.Entry(PARTIAL + openHash, List.copyOf(openIds)));
            }
            manifest.save();
            chunkCount += ids.size();
            listener.committed(List.copyOf(finishing.keySet()));
            ids.clear();
            segments.clear();
            toEmbed.clear();
            starting.clear();
            finishing.clear();
            progress();
        }

        void progress() {
            listener.progress(new IngestProgress(filesDone, filesTotal, chunkCount, (System.nanoTime() - start) / 1e9));
        }
    }

    private record Finished(String hash, boolean update, List<String> ids) {
    }

    private static String titleOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Replaces the chunks of {@code sources}: atomically on the embedded store, delete-then-add elsewhere. */
    private static void replace(EmbeddingStore<TextSegment> store, Set<String> sources, List<String> ids,
                                List<Embedding> embeddings, List<TextSegment> segments) {
        if (store instanceof LuceneEmbeddingStore lucene) {
            lucene.replaceSources(sources, ids, embeddings, segments);
            return;
        }
        if (!sources.isEmpty()) {
            store.removeAll(new IsIn("source", sources));
        }
        if (!ids.isEmpty()) {
            store.addAll(ids, embeddings, segments);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
