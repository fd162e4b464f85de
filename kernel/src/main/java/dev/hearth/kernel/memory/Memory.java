package dev.hearth.kernel.memory;

import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.CellScope;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The user's private memory: ingest files, recall by meaning or words, remember notes, and manage
 * collections on the embedded or the Chroma backend. The magics and the {@code memory} object of
 * cells both call this class.
 *
 * <pre>{@code
 * memory.ingest("~/notes");
 * var hits = memory.recall("when is the dentist appointment?");
 * memory.remember("The spare key is under the blue pot");
 * }</pre>
 */
public final class Memory implements AutoCloseable {

    /** Collection used when none is named. */
    public static final String DEFAULT_COLLECTION = "notes";
    private static final int BATCH_CHUNKS = 64;
    private static final int RRF_K = 60;

    private final Path home;
    private final Embedder embedder;
    private final DocumentReader reader;
    private final Duration chromaTimeout;
    private final CellScope cells;
    private final Map<String, MemoryBackend> backends = new LinkedHashMap<>();
    private final Map<String, Manifest> manifests = new HashMap<>();
    private volatile MemoryBackend current;
    private final String defaultCollection;
    private final Chunker defaultChunker;

    private Memory(Builder b) {
        this.home = b.home;
        this.embedder = b.embedder;
        this.reader = new DocumentReader(b.maxFileBytes);
        this.chromaTimeout = b.chromaTimeout;
        this.cells = b.cells;
        this.defaultCollection = b.defaultCollection;
        this.defaultChunker = new Chunker(b.chunk, b.overlap);
        MemoryBackend embedded = new LuceneBackend(home.resolve("embedded"));
        backends.put(embedded.name(), embedded);
        this.current = embedded;
        if (b.chromaUrl != null && !b.chromaUrl.isBlank()) {
            backends.put("chroma", new ChromaBackend(b.chromaUrl, chromaTimeout, cells));
            if ("chroma".equals(b.backend)) {
                current = backends.get("chroma");
            }
        } else if ("chroma".equals(b.backend)) {
            throw new IllegalArgumentException("memory.backend is chroma but no chroma.url is set"
                    + " (set HEARTH_CHROMA_URL or %config chroma.url=http://localhost:8000)");
        }
    }

    /** Starts a builder; {@code home} is the memory directory ({@code HEARTH_HOME/memory}). */
    public static Builder builder(Path home) {
        return new Builder(home);
    }

    /** The embedding model in use (loaded at first use). */
    public Embedder embedder() {
        return embedder;
    }

    /** The backend in use: {@code embedded} or {@code chroma}. */
    public String backend() {
        return current.name();
    }

    /** Where the backend in use keeps its data (a directory or a URL). */
    public String backendLocation() {
        return current.location();
    }

    /**
     * Switches this session to {@code name} ({@code embedded} or {@code chroma}); for Chroma,
     * {@code url} (or the one configured before) must answer.
     */
    public synchronized void useBackend(String name, String url) {
        switch (name) {
            case "embedded" -> current = backends.get("embedded");
            case "chroma" -> current = chroma(url);
            default -> throw new IllegalArgumentException("Unknown memory backend '" + name + "': use embedded or chroma");
        }
    }

    private synchronized MemoryBackend chroma(String url) {
        MemoryBackend existing = backends.get("chroma");
        if (url != null && !url.isBlank() && (existing == null || !existing.location().equals(url.replaceAll("/+$", "")))) {
            ChromaBackend chroma = new ChromaBackend(url, chromaTimeout, cells);
            if (!chroma.isUp()) {
                throw new IllegalStateException("No Chroma server answers at " + url + " (GET /api/v2/heartbeat)");
            }
            backends.put("chroma", chroma);
            return chroma;
        }
        if (existing == null) {
            throw new IllegalArgumentException("No Chroma URL: use %memory backend chroma http://HOST:PORT,"
                    + " %config chroma.url=... or HEARTH_CHROMA_URL");
        }
        return existing;
    }

    private MemoryBackend backendNamed(String name) {
        return name.equals("chroma") ? chroma(null) : backends.get("embedded");
    }

    private String collection(String name) {
        return MemoryBackend.checkName(name == null || name.isBlank() ? defaultCollection : name.strip());
    }

    /** The store of {@code collection} on the current backend, checking (or recording) the embedding model. */
    private EmbeddingStore<TextSegment> store(MemoryBackend backend, String collection) {
        backend.modelOf(collection).ifPresent(m -> {
            if (!m.name().equals(embedder.name())) {
                throw new IllegalStateException("Collection '" + collection + "' was built with the embedding model "
                        + m.name() + ", not " + embedder.name() + ". Set memory.model=" + m.name()
                        + " (%config), or use another collection.");
            }
        });
        return backend.open(collection, embedder.info());
    }

    private Manifest manifest(MemoryBackend backend, String collection) {
        synchronized (manifests) {
            return manifests.computeIfAbsent(backend.name() + "/" + collection,
                    k -> Manifest.load(home.resolve("manifests").resolve(backend.name()).resolve(collection + ".json")));
        }
    }

    // ---- ingest ----

    /**
     * Ingest settings.
     *
     * @param collection the collection, or {@code null} for the default
     * @param chunk      the largest chunk in characters, or 0 for the default
     * @param overlap    the overlap in characters, or -1 for the default
     */
    public record IngestOptions(String collection, int chunk, int overlap) {
        /** The defaults. */
        public static final IngestOptions DEFAULTS = new IngestOptions(null, 0, -1);
    }

    /**
     * Ingests a file, a directory (recursively) or a glob into the default collection. Inside a
     * cell it shows a progress bar and stops when the cell is interrupted.
     */
    public IngestSummary ingest(String pathOrGlob) {
        return ingest(pathOrGlob, (String) null);
    }

    /** Ingests a file, a directory or a glob into {@code collection} (progress and interrupt as above). */
    public IngestSummary ingest(String pathOrGlob, String collection) {
        IngestOptions options = new IngestOptions(collection, 0, -1);
        return cells.active().map(cell -> ingest(pathOrGlob, options, cell))
                .orElseGet(() -> ingest(pathOrGlob, options, IngestListener.NONE, () -> false));
    }

    /** Ingests with a progress bar in {@code cell}, stopping between batches when it is interrupted. */
    public IngestSummary ingest(String pathOrGlob, IngestOptions options, CellContext cell) {
        ProgressBar bar = new ProgressBar(cell);
        IngestSummary summary = ingest(pathOrGlob, options, bar, cell::isCancelled);
        bar.finish(summary);
        return summary;
    }

    /**
     * Ingests {@code pathOrGlob}: new and changed files are embedded, unchanged ones skipped, and the
     * chunks of files deleted under the same path removed. Stops between batches once
     * {@code cancelled} says so; what was committed stays, and the next run resumes.
     */
    public IngestSummary ingest(String pathOrGlob, IngestOptions options, IngestListener listener, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        String collection = collection(options.collection());
        Chunker chunker = new Chunker(options.chunk() > 0 ? options.chunk() : defaultChunker.size(),
                options.overlap() >= 0 ? options.overlap() : Math.min(defaultChunker.overlap(),
                        (options.chunk() > 0 ? options.chunk() : defaultChunker.size()) / 2 - 1));
        FileSet files = FileSet.resolve(pathOrGlob);
        MemoryBackend backend = current;
        EmbeddingStore<TextSegment> store = store(backend, collection);
        Manifest manifest = manifest(backend, collection);

        List<IngestSummary.Skipped> skipped = new ArrayList<>();
        int[] counts = new int[4]; // added, updated, removed, unchanged
        long[] chunkCount = {0};
        Batch batch = new Batch();
        boolean interrupted = false;
        int done = 0;
        for (Path file : files.files()) {
            if (cancelled.getAsBoolean()) {
                interrupted = true;
                break;
            }
            done++;
            String source = file.toString();
            try {
                byte[] bytes = Files.readAllBytes(file);
                String hash = sha256(bytes);
                Manifest.Entry previous = manifest.get(source).orElse(null);
                if (previous != null && previous.hash().equals(hash)) {
                    counts[3]++;
                    continue;
                }
                ParsedDocument doc = reader.read(file);
                batch.add(source, hash, previous != null, doc, chunker.chunk(doc));
            } catch (DocumentReader.SkippedException e) {
                skipped.add(new IngestSummary.Skipped(source, e.getMessage()));
            } catch (IOException e) {
                skipped.add(new IngestSummary.Skipped(source, "unreadable (" + e.getMessage() + ")"));
            }
            if (batch.chunks() >= BATCH_CHUNKS) {
                flush(batch, store, manifest, counts, chunkCount, listener);
                listener.progress(progress(done, files.files().size(), chunkCount[0], start));
            }
        }
        if (!batch.isEmpty()) {
            flush(batch, store, manifest, counts, chunkCount, listener);
        }
        if (!interrupted) {
            List<String> gone = manifest.sources().stream().filter(files::covers)
                    .filter(s -> !Files.exists(Path.of(s))).toList();
            if (!gone.isEmpty()) {
                store.removeAll(new IsIn("source", gone));
                gone.forEach(manifest::remove);
                manifest.save();
                counts[2] = gone.size();
            }
        }
        listener.progress(progress(done, files.files().size(), chunkCount[0], start));
        return new IngestSummary(collection, counts[0], counts[1], counts[2], counts[3], skipped, chunkCount[0],
                (System.nanoTime() - start) / 1e9, interrupted);
    }

    private static IngestProgress progress(int done, int total, long chunks, long start) {
        return new IngestProgress(done, total, chunks, (System.nanoTime() - start) / 1e9);
    }

    /** Files parsed and chunked, waiting to be embedded and stored together. */
    private static final class Batch {
        final List<String> sources = new ArrayList<>();
        final List<String> hashes = new ArrayList<>();
        final List<Boolean> updates = new ArrayList<>();
        final List<String> ids = new ArrayList<>();
        final List<TextSegment> segments = new ArrayList<>();
        final List<TextSegment> toEmbed = new ArrayList<>();
        final Map<String, List<String>> idsBySource = new LinkedHashMap<>();

        void add(String source, String hash, boolean update, ParsedDocument doc, List<Chunk> chunks) {
            sources.add(source);
            hashes.add(hash);
            updates.add(update);
            List<String> sourceIds = new ArrayList<>();
            String title = String.valueOf(doc.metadata().getOrDefault("title", ""));
            for (int i = 0; i < chunks.size(); i++) {
                Chunk chunk = chunks.get(i);
                String id = UUID.nameUUIDFromBytes((source + "#" + i + "#" + hash).getBytes(StandardCharsets.UTF_8)).toString();
                Map<String, Object> meta = new LinkedHashMap<>(doc.metadata());
                meta.putAll(doc.sections().get(chunk.section()).metadata());
                meta.put("source", source);
                meta.put("heading", chunk.heading());
                meta.put("chunk", i);
                ids.add(id);
                sourceIds.add(id);
                segments.add(TextSegment.from(chunk.text(), new Metadata(meta)));
                String context = chunk.heading().isEmpty() ? title : title + " > " + chunk.heading();
                toEmbed.add(TextSegment.from(context.isBlank() ? chunk.text() : context + "\n" + chunk.text()));
            }
            idsBySource.put(source, sourceIds);
        }

        int chunks() {
            return ids.size();
        }

        boolean isEmpty() {
            return sources.isEmpty();
        }

        void clear() {
            sources.clear();
            hashes.clear();
            updates.clear();
            ids.clear();
            segments.clear();
            toEmbed.clear();
            idsBySource.clear();
        }
    }

    private void flush(Batch batch, EmbeddingStore<TextSegment> store, Manifest manifest, int[] counts,
                       long[] chunkCount, IngestListener listener) {
        List<Embedding> embeddings = batch.toEmbed.isEmpty() ? List.of() : embedder.embedAll(batch.toEmbed);
        replace(store, batch.sources, batch.ids, embeddings, batch.segments);
        for (int i = 0; i < batch.sources.size(); i++) {
            String source = batch.sources.get(i);
            manifest.put(source, new Manifest.Entry(batch.hashes.get(i), batch.idsBySource.get(source)));
            counts[batch.updates.get(i) ? 1 : 0]++;
        }
        manifest.save();
        chunkCount[0] += batch.chunks();
        listener.committed(List.copyOf(batch.sources));
        batch.clear();
    }

    /** Replaces the chunks of {@code sources}: atomically on the embedded store, delete-then-add elsewhere. */
    private static void replace(EmbeddingStore<TextSegment> store, List<String> sources, List<String> ids,
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

    /** The files an ingest covers: one file, a directory tree, or a glob under its fixed prefix. */
    private record FileSet(Path root, PathMatcher glob, List<Path> files) {

        static FileSet resolve(String pathOrGlob) {
            if (pathOrGlob == null || pathOrGlob.isBlank()) {
                throw new IllegalArgumentException("Nothing to ingest: give a file, a directory or a glob");
            }
            String expanded = pathOrGlob.strip().replaceFirst("^~(?=/|$)", System.getProperty("user.home"));
            int wild = indexOfWildcard(expanded);
            Path root;
            PathMatcher glob = null;
            if (wild >= 0) {
                int slash = expanded.lastIndexOf('/', wild);
                root = Path.of(slash < 0 ? "." : expanded.substring(0, Math.max(slash, 1))).toAbsolutePath().normalize();
                String pattern = root + "/" + expanded.substring(slash + 1);
                glob = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            } else {
                root = Path.of(expanded).toAbsolutePath().normalize();
                if (!Files.exists(root)) {
                    throw new IllegalArgumentException("No such file or directory: " + root);
                }
            }
            List<Path> files = new ArrayList<>();
            if (Files.isRegularFile(root)) {
                files.add(root);
            } else if (Files.isDirectory(root)) {
                PathMatcher g = glob;
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !hidden(root, p))
                            .filter(p -> g == null ? DocumentReader.supports(p) : g.matches(p))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot list " + root + ": " + e.getMessage(), e);
                }
            }
            return new FileSet(root, glob, files);
        }

        private static int indexOfWildcard(String s) {
            for (int i = 0; i < s.length(); i++) {
                if ("*?[{".indexOf(s.charAt(i)) >= 0) {
                    return i;
                }
            }
            return -1;
        }

        /** Dot-folders (.obsidian, .git, .trash) and Logseq's own folder hold no notes. */
        private static boolean hidden(Path root, Path file) {
            for (Path part : root.relativize(file)) {
                String name = part.toString();
                if (name.startsWith(".") || name.equals("logseq") || name.equals("node_modules")) {
                    return true;
                }
            }
            return false;
        }

        /** Whether {@code source} falls under this set (for finding deleted files). */
        boolean covers(String source) {
            Path p = Path.of(source);
            if (glob != null) {
                return glob.matches(p);
            }
            return p.equals(root) || (p.startsWith(root) && !hidden(root, p) && DocumentReader.supports(p));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- recall ----

    /**
     * A recall question.
     *
     * @param query      what to look for
     * @param k          how many chunks
     * @param collection the collection, or {@code null} for the default
     * @param where      metadata that must match exactly (key to value); may be empty
     * @param mode       the ranking, or {@code null} for hybrid where the backend supports it, else vector
     */
    public record RecallRequest(String query, int k, String collection, Map<String, String> where, RecallMode mode) {
        public RecallRequest {
            if (query == null || query.isBlank()) {
                throw new IllegalArgumentException("Nothing to recall: give a question or some words");
            }
            if (k < 1 || k > 1000) {
                throw new IllegalArgumentException("-k must be between 1 and 1000, not " + k);
            }
            where = where == null ? Map.of() : Map.copyOf(where);
        }

        /** The 5 best chunks of the default collection. */
        public static RecallRequest of(String query) {
            return new RecallRequest(query, 5, null, Map.of(), null);
        }
    }

    /** The 5 chunks of the default collection closest to {@code query}. */
    public List<Recalled> recall(String query) {
        return recall(RecallRequest.of(query));
    }

    /** The {@code k} chunks of the default collection closest to {@code query}. */
    public List<Recalled> recall(String query, int k) {
        return recall(new RecallRequest(query, k, null, Map.of(), null));
    }

    /**
     * The top {@code k} chunks of {@code collection} for a prompt: each carries its source path
     * and heading (for citing as numbered sources).
     */
    public List<Recalled> topChunks(String query, String collection, int k) {
        return recall(new RecallRequest(query, k, collection, Map.of(), null));
    }

    /** Answers a recall request. */
    public List<Recalled> recall(RecallRequest request) {
        String collection = collection(request.collection());
        MemoryBackend backend = current;
        if (backend.modelOf(collection).isEmpty()) {
            throw new IllegalArgumentException("No collection '" + collection + "' on the " + backend.name()
                    + " backend; ingest or remember something first (%memory list shows what exists)");
        }
        EmbeddingStore<TextSegment> store = store(backend, collection);
        Filter filter = filter(request.where());
        boolean textCapable = store instanceof TextSearchable;
        RecallMode mode = request.mode() != null ? request.mode() : textCapable ? RecallMode.HYBRID : RecallMode.VECTOR;
        if (mode != RecallMode.VECTOR && !textCapable) {
            throw new IllegalArgumentException("The " + backend.name() + " backend has no keyword search; use --mode vector");
        }
        List<EmbeddingMatch<TextSegment>> matches;
        List<Double> scores = new ArrayList<>();
        switch (mode) {
            case VECTOR -> {
                matches = vector(store, request.query(), request.k(), filter);
                matches.forEach(m -> scores.add(m.score()));
            }
            case TEXT -> {
                matches = ((TextSearchable) store).searchText(request.query(), request.k(), filter);
                matches.forEach(m -> scores.add(m.score()));
            }
            default -> {
                int pool = Math.max(request.k() * 4, 20);
                matches = fuse(vector(store, request.query(), pool, filter),
                        ((TextSearchable) store).searchText(request.query(), pool, filter), request.k(), scores);
            }
        }
        List<Recalled> out = new ArrayList<>();
        for (int i = 0; i < matches.size(); i++) {
            out.add(recalled(i + 1, scores.get(i), matches.get(i)));
        }
        return out;
    }

    private List<EmbeddingMatch<TextSegment>> vector(EmbeddingStore<TextSegment> store, String query, int k, Filter filter) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(embedder.embed(query))
                .maxResults(k).minScore(0.0).filter(filter).build()).matches();
    }

    /** Reciprocal rank fusion: each list gives 1 / (60 + rank); the sum ranks. */
    private static List<EmbeddingMatch<TextSegment>> fuse(List<EmbeddingMatch<TextSegment>> a,
                                                          List<EmbeddingMatch<TextSegment>> b, int k, List<Double> scores) {
        Map<String, Double> fused = new LinkedHashMap<>();
        Map<String, EmbeddingMatch<TextSegment>> byId = new HashMap<>();
        for (List<EmbeddingMatch<TextSegment>> list : List.of(a, b)) {
            for (int rank = 0; rank < list.size(); rank++) {
                EmbeddingMatch<TextSegment> m = list.get(rank);
                fused.merge(m.embeddingId(), 1.0 / (RRF_K + rank + 1), Double::sum);
                byId.putIfAbsent(m.embeddingId(), m);
            }
        }
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(fused.entrySet());
        ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        List<EmbeddingMatch<TextSegment>> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : ranked.subList(0, Math.min(k, ranked.size()))) {
            out.add(byId.get(e.getKey()));
            scores.add(e.getValue());
        }
        return out;
    }

    private static Filter filter(Map<String, String> where) {
        Filter filter = null;
        for (Map.Entry<String, String> e : where.entrySet()) {
            Object value = e.getValue().matches("-?\\d{1,9}") ? (Object) Integer.valueOf(e.getValue()) : e.getValue();
            Filter f = new IsEqualTo(e.getKey(), value);
            filter = filter == null ? f : filter.and(f);
        }
        return filter;
    }

    private static Recalled recalled(int rank, double score, EmbeddingMatch<TextSegment> m) {
        TextSegment s = m.embedded();
        Map<String, Object> meta = s == null ? Map.of() : s.metadata().toMap();
        return new Recalled(rank, score, m.embeddingId(), s == null ? "" : s.text(),
                String.valueOf(meta.getOrDefault("source", "")), String.valueOf(meta.getOrDefault("heading", "")), meta);
    }

    // ---- remember, list, forget, drop, copy ----

    /** Stores {@code text} as a note in the default collection; returns its id. */
    public String remember(String text) {
        return remember(text, null, List.of());
    }

    /** Stores {@code text} as a note in {@code collection} with {@code tags}; returns its id. */
    public String remember(String text, String collection, List<String> tags) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Nothing to remember: give some text");
        }
        String c = collection(collection);
        EmbeddingStore<TextSegment> store = store(current, c);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("source", "remember");
        meta.put("heading", "");
        meta.put("type", "note");
        meta.put("date", LocalDate.now().toString());
        List<String> cleanTags = tags == null ? List.of() : tags.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        if (!cleanTags.isEmpty()) {
            meta.put("tags", String.join(", ", cleanTags));
        }
        String id = UUID.randomUUID().toString();
        store.addAll(List.of(id), List.of(embedder.embed(text.strip())), List.of(TextSegment.from(text.strip(), new Metadata(meta))));
        return id;
    }

    /** Every collection on the current backend. */
    public List<CollectionInfo> list() {
        MemoryBackend backend = current;
        return backend.collections().stream().map(c -> info(backend, c)).toList();
    }

    /** Size and model of one collection. */
    public CollectionInfo stats(String collection) {
        String c = collection(collection);
        if (current.modelOf(c).isEmpty()) {
            throw new IllegalArgumentException("No collection '" + c + "' on the " + current.name() + " backend");
        }
        return info(current, c);
    }

    private CollectionInfo info(MemoryBackend backend, String collection) {
        return new CollectionInfo(collection, backend.name(), backend.modelOf(collection).orElse(null),
                backend.count(collection), manifest(backend, collection).sources().size());
    }

    /** The store of an existing collection, without loading the embedding model (deleting needs no vectors). */
    private EmbeddingStore<TextSegment> existing(String collection) {
        MemoryBackend backend = current;
        ModelInfo model = backend.modelOf(collection).orElseThrow(() -> new IllegalArgumentException(
                "No collection '" + collection + "' on the " + backend.name() + " backend"));
        return backend.open(collection, model);
    }

    /** Removes every chunk of the file {@code path}; returns how many were removed. */
    public long forgetSource(String collection, String path) {
        String c = collection(collection);
        String source = path.equals("remember") ? path : Path.of(path.replaceFirst("^~(?=/|$)",
                System.getProperty("user.home"))).toAbsolutePath().normalize().toString();
        EmbeddingStore<TextSegment> store = existing(c);
        long before = current.count(c);
        store.removeAll(new IsEqualTo("source", source));
        Manifest manifest = manifest(current, c);
        manifest.remove(source);
        manifest.save();
        return before - current.count(c);
    }

    /** Removes the chunk with {@code id}; returns how many were removed (0 or 1). */
    public long forgetId(String collection, String id) {
        String c = collection(collection);
        EmbeddingStore<TextSegment> store = existing(c);
        long before = current.count(c);
        store.removeAll(List.of(id));
        return before - current.count(c);
    }

    /** Deletes {@code collection} on the current backend with its ingest manifest. */
    public void drop(String collection) {
        String c = collection(collection);
        current.drop(c);
        manifest(current, c).delete();
        synchronized (manifests) {
            manifests.remove(current.name() + "/" + c);
        }
    }

    /**
     * Copies {@code collection} from the current backend to {@code targetBackend} (vectors and
     * all, no re-embedding) with its ingest manifest; returns the number of chunks copied.
     */
    public long copy(String collection, String targetBackend) {
        String c = collection(collection);
        MemoryBackend from = current;
        MemoryBackend to = backendNamed(Objects.requireNonNull(targetBackend, "targetBackend"));
        if (from == to) {
            throw new IllegalArgumentException("The collection is already on the " + to.name() + " backend");
        }
        ModelInfo model = from.modelOf(c).orElseThrow(() ->
                new IllegalArgumentException("No collection '" + c + "' on the " + from.name() + " backend"));
        EmbeddingStore<TextSegment> target = to.open(c, model);
        List<StoredChunk> page = new ArrayList<>();
        long[] copied = {0};
        from.forEach(c, chunk -> {
            page.add(chunk);
            if (page.size() >= 256) {
                copied[0] += write(target, page);
            }
        });
        copied[0] += write(target, page);
        Manifest source = manifest(from, c);
        Manifest dest = manifest(to, c);
        Set<String> sources = new LinkedHashSet<>(source.sources());
        sources.forEach(s -> dest.put(s, source.get(s).orElseThrow()));
        dest.save();
        return copied[0];
    }

    private static int write(EmbeddingStore<TextSegment> target, List<StoredChunk> page) {
        if (page.isEmpty()) {
            return 0;
        }
        target.addAll(page.stream().map(StoredChunk::id).toList(), page.stream().map(StoredChunk::embedding).toList(),
                page.stream().map(StoredChunk::segment).toList());
        int n = page.size();
        page.clear();
        return n;
    }

    @Override
    public void close() {
        backends.values().forEach(MemoryBackend::close);
    }

    /** Builds a {@link Memory}. */
    public static final class Builder {
        private final Path home;
        private Embedder embedder;
        private String backend = "embedded";
        private String chromaUrl;
        private Duration chromaTimeout = Duration.ofSeconds(30);
        private CellScope cells = new CellScope();
        private String defaultCollection = DEFAULT_COLLECTION;
        private int chunk = Chunker.DEFAULT_SIZE;
        private int overlap = Chunker.DEFAULT_OVERLAP;
        private long maxFileBytes = 20L * 1024 * 1024;

        private Builder(Path home) {
            this.home = Objects.requireNonNull(home, "home");
        }

        /** The embedding model (default: {@link Embedder#defaultModel()}). */
        public Builder embedder(Embedder embedder) {
            this.embedder = embedder;
            return this;
        }

        /** {@code embedded} (default) or {@code chroma}. */
        public Builder backend(String backend) {
            this.backend = backend;
            return this;
        }

        /** The Chroma server, e.g. {@code http://localhost:8000}. */
        public Builder chromaUrl(String url) {
            this.chromaUrl = url;
            return this;
        }

        /** The session's running cell: Java calls from a cell show progress in it and stop when it is interrupted. */
        public Builder cells(CellScope cells) {
            this.cells = Objects.requireNonNull(cells, "cells");
            return this;
        }

        /** How long a Chroma call may take. */
        public Builder chromaTimeout(Duration timeout) {
            this.chromaTimeout = timeout;
            return this;
        }

        public Builder defaultCollection(String name) {
            this.defaultCollection = MemoryBackend.checkName(name);
            return this;
        }

        /** Default chunk size and overlap, in characters. */
        public Builder chunking(int chunk, int overlap) {
            new Chunker(chunk, overlap);
            this.chunk = chunk;
            this.overlap = overlap;
            return this;
        }

        /** Files larger than this are skipped. */
        public Builder maxFileBytes(long bytes) {
            this.maxFileBytes = bytes;
            return this;
        }

        public Memory build() {
            if (embedder == null) {
                embedder = Embedder.defaultModel();
            }
            return new Memory(this);
        }
    }
}
