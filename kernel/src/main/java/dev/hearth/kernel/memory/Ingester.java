package dev.hearth.kernel.memory;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
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
 * and commits the batches with the manifest. A large note spans several batches, so progress shows
 * and an interrupt stops between batches; what was committed stays searchable, and the next run
 * embeds the unfinished note again. On the embedded store the batches are committed together every
 * {@code commitInterval} (and at an interrupt and at the end): a commit per batch cost a tenth of
 * the ingest time in small index segments built and merged again.
 */
final class Ingester {

    /** Chunks embedded together (and shown as progress). */
    static final int BATCH_CHUNKS = 64;
    /** How long embedded batches may wait for their commit by default: what a kill -9 can lose. */
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(20);
    private static final String PARTIAL = "partial:";

    private final Backends backends;
    private final DocumentReader reader;
    private final Chunker defaultChunker;
    private final Duration commitInterval;

    Ingester(Backends backends, DocumentReader reader, Chunker defaultChunker, Duration commitInterval) {
        this.backends = backends;
        this.reader = reader;
        this.defaultChunker = defaultChunker;
        this.commitInterval = commitInterval;
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
        try (IngestSink sink = IngestSink.of(backends.store(backend, collection))) {
            Run run = new Run(sink, manifest, listener, files.files().size(), start);
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
                sink.replace(gone, List.of(), List.of(), List.of());
                gone.forEach(manifest::remove);
                removed = gone.size();
            }
            run.commit();
            run.progress();
            return new IngestSummary(collection, run.added, run.updated, removed, run.unchanged, run.skipped, run.chunkCount,
                    (System.nanoTime() - start) / 1e9, run.interrupted);
        }
    }

    /** The state of one ingest: counts, the batch being filled and the batches awaiting their commit. */
    private final class Run {
        final IngestSink sink;
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
        // written but not committed yet: the manifest learns of them at the commit
        final Map<String, Finished> uncommitted = new LinkedHashMap<>();
        Manifest.Entry uncommittedPartial;
        String uncommittedPartialSource;
        long lastCommit;

        Run(IngestSink sink, Manifest manifest, IngestListener listener, int filesTotal, long start) {
            this.sink = sink;
            this.manifest = manifest;
            this.listener = listener;
            this.filesTotal = filesTotal;
            this.start = start;
            this.lastCommit = start;
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
                        // keep what is written; the next ingest embeds this file again from the start
                        commit();
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

        /** Embeds and writes the batch; commits when the last commit is {@code commitInterval} old (or the store holds nothing back). */
        void flush() {
            if (ids.isEmpty() && starting.isEmpty() && finishing.isEmpty()) {
                return;
            }
            List<Embedding> embeddings = toEmbed.isEmpty() ? List.of() : backends.embedder().embedDocuments(toEmbed);
            sink.replace(starting, ids, embeddings, segments);
            uncommitted.putAll(finishing);
            uncommittedPartialSource = openSource;
            uncommittedPartial = openSource == null ? null : new Manifest.Entry(PARTIAL + openHash, List.copyOf(openIds));
            chunkCount += ids.size();
            ids.clear();
            segments.clear();
            toEmbed.clear();
            starting.clear();
            finishing.clear();
            progress();
            if (!sink.holdsWrites() || System.nanoTime() - lastCommit >= commitInterval.toNanos()) {
                commit();
            }
        }

        /** Commits what was written, then records it in the manifest. */
        void commit() {
            sink.commit();
            lastCommit = System.nanoTime();
            uncommitted.forEach((source, f) -> {
                manifest.put(source, new Manifest.Entry(f.hash, f.ids));
                if (f.update) {
                    updated++;
                } else {
                    added++;
                }
            });
            if (uncommittedPartial != null) {
                manifest.put(uncommittedPartialSource, uncommittedPartial);
            }
            manifest.save();
            listener.committed(List.copyOf(uncommitted.keySet()));
            uncommitted.clear();
            uncommittedPartial = null;
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

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
