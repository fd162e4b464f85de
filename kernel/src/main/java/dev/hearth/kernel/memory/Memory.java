package dev.hearth.kernel.memory;

import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.CellScope;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The user's private memory: ingest files, recall by meaning or words, remember notes, and manage
 * collections on the embedded or the Chroma backend. The magics and the {@code memory} object of
 * cells both call this facade; the work is done by {@link Ingester}, {@link Recaller} and
 * {@link CollectionAdmin} over the {@link Backends}.
 *
 * <pre>{@code
 * memory.ingest("~/notes");
 * var hits = memory.recall("when is the dentist appointment?");
 * hits.get(0).path();   // "Health/Dentist.md", relative to the ingested folder
 * memory.remember("The spare key is under the blue pot");
 * memory.evaluate(Path.of("questions.tsv"), null, null).top1();
 * }</pre>
 */
public final class Memory implements AutoCloseable {

    /** Collection used when none is named. */
    public static final String DEFAULT_COLLECTION = "notes";

    private final Backends backends;
    private final Ingester ingester;
    private final Recaller recaller;
    private final CollectionAdmin admin;
    private final CellScope cells;

    private Memory(Builder b) {
        this.cells = b.cells;
        this.backends = new Backends(b.home, b.embedder, b.choice, b.chromaTimeout, b.defaultCollection,
                b.lockWait, b.cells);
        this.ingester = new Ingester(backends, new DocumentReader(b.maxFileBytes), new Chunker(b.chunk, b.overlap),
                b.commitInterval);
        this.recaller = new Recaller(backends);
        this.admin = new CollectionAdmin(backends);
    }

    /** Starts a builder; {@code home} is the memory directory ({@code HEARTH_HOME/memory}). */
    public static Builder builder(Path home) {
        return new Builder(home);
    }

    /** The embedding model in use (loaded at first use). */
    public Embedder embedder() {
        return backends.embedder();
    }

    /** The backend in use: {@code embedded} or {@code chroma}. */
    public String backend() {
        return backends.current().name();
    }

    /** Where the backend in use keeps its data (a directory or a URL). */
    public String backendLocation() {
        return backends.current().location();
    }

    /**
     * Checks a backend before the session switches to it: for Chroma, {@code url} (or the one
     * configured) must answer. The switch itself is the session setting ({@code memory.backend},
     * {@code chroma.url}) that this memory reads at each use.
     *
     * @return the choice to store, its URL normalised
     */
    public BackendChoice checkBackend(String name, String url) {
        return backends.check(new BackendChoice(name, url));
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
     * Ingests a file, a directory (recursively, following symbolic links) or a glob into the
     * default collection. Inside a cell it shows a progress bar and stops when the cell is interrupted.
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
     *
     * @throws IllegalArgumentException when the path does not exist or matches no file Hearth reads
     */
    public IngestSummary ingest(String pathOrGlob, IngestOptions options, IngestListener listener, BooleanSupplier cancelled) {
        return ingester.ingest(pathOrGlob, options, listener, cancelled);
    }

    // ---- recall ----

    /**
     * A recall question.
     *
     * @param query      what to look for
     * @param k          how many rows
     * @param collection the collection, or {@code null} for the default
     * @param where      metadata that must match: per key the values allowed (any one of them); may be empty
     * @param mode       the ranking, or {@code null} for hybrid where the backend supports it, else vector
     * @param chunks     every chunk its own row; otherwise (the default) one row per note, its best chunk shown
     */
    public record RecallRequest(String query, int k, String collection, Map<String, List<String>> where, RecallMode mode,
                                boolean chunks) {
        public RecallRequest {
            if (query == null || query.isBlank()) {
                throw new IllegalArgumentException("Nothing to recall: give a question or some words");
            }
            if (k < 1 || k > 1000) {
                throw new IllegalArgumentException("-k must be between 1 and 1000, not " + k);
            }
            where = where == null ? Map.of() : Map.copyOf(where);
        }

        /** One row per note, with one value per {@code where} key. */
        public RecallRequest(String query, int k, String collection, Map<String, String> where, RecallMode mode) {
            this(query, k, collection, where == null ? Map.of() : single(where), mode, false);
        }

        private static Map<String, List<String>> single(Map<String, String> where) {
            Map<String, List<String>> out = new java.util.LinkedHashMap<>();
            where.forEach((k, v) -> out.put(k, List.of(v)));
            return out;
        }

        /** The 5 best notes of the default collection. */
        public static RecallRequest of(String query) {
            return new RecallRequest(query, 5, null, Map.of(), null);
        }

        /** The same request with every chunk its own row. */
        public RecallRequest withChunks() {
            return new RecallRequest(query, k, collection, where, mode, true);
        }
    }

    /** The 5 notes of the default collection closest to {@code query}, one row each. */
    public List<Recalled> recall(String query) {
        return recall(RecallRequest.of(query));
    }

    /** The {@code k} notes of the default collection closest to {@code query}. */
    public List<Recalled> recall(String query, int k) {
        return recall(new RecallRequest(query, k, null, Map.of(), null));
    }

    /**
     * The top {@code k} chunks of {@code collection} for a prompt: each carries its source path
     * and heading (for citing as numbered sources).
     */
    public List<Recalled> topChunks(String query, String collection, int k) {
        return recall(new RecallRequest(query, k, collection, Map.of(), null).withChunks());
    }

    /** Answers a recall request. */
    public List<Recalled> recall(RecallRequest request) {
        return recaller.recall(request);
    }

    /**
     * Runs a question file ({@code question<TAB>expected/path.md} per line) against {@code collection}
     * and scores where the expected note ranks: top-1, top-5, MRR and the misses.
     *
     * @param mode the ranking to score, or {@code null} for the default
     */
    public RecallEval.Report evaluate(Path questions, String collection, RecallMode mode) {
        return RecallEval.run(this, RecallEval.read(questions), collection, mode);
    }

    // ---- remember, list, forget, drop, copy ----

    /** Stores {@code text} as a note in the default collection; returns its id. */
    public String remember(String text) {
        return remember(text, null, List.of());
    }

    /** Stores {@code text} as a note in {@code collection} with {@code tags}; returns its id. */
    public String remember(String text, String collection, List<String> tags) {
        return admin.remember(text, collection, tags);
    }

    /** Every collection on the current backend. */
    public List<CollectionInfo> list() {
        return admin.list();
    }

    /** Size and model of one collection. */
    public CollectionInfo stats(String collection) {
        return admin.stats(collection);
    }

    /** Removes every chunk of the file {@code path}; returns how many were removed. */
    public long forgetSource(String collection, String path) {
        return admin.forgetSource(collection, path);
    }

    /** Removes the chunk with {@code id}; returns how many were removed (0 or 1). */
    public long forgetId(String collection, String id) {
        return admin.forgetId(collection, id);
    }

    /** Deletes {@code collection} on the current backend with its ingest manifest. */
    public void drop(String collection) {
        admin.drop(collection);
    }

    /**
     * Copies {@code collection} from the current backend to {@code targetBackend} (vectors and
     * all, no re-embedding) with its ingest manifest; returns the number of chunks copied.
     */
    public long copy(String collection, String targetBackend) {
        return admin.copy(collection, targetBackend);
    }

    @Override
    public void close() {
        backends.close();
    }

    /** Builds a {@link Memory}. */
    public static final class Builder {
        private final Path home;
        private Embedder embedder;
        private BackendChoice fixed = BackendChoice.EMBEDDED;
        private Supplier<BackendChoice> choice;
        private Duration chromaTimeout = Duration.ofSeconds(30);
        private String defaultCollection = DEFAULT_COLLECTION;
        private int chunk = Chunker.DEFAULT_SIZE;
        private int overlap = Chunker.DEFAULT_OVERLAP;
        private long maxFileBytes = 20L * 1024 * 1024;
        private Duration lockWait = Duration.ofSeconds(30);
        private Duration commitInterval = Ingester.COMMIT_INTERVAL;
        private CellScope cells = new CellScope();

        private Builder(Path home) {
            this.home = Objects.requireNonNull(home, "home");
        }

        /** The embedding model (default: {@link Embedder#defaultModel()}). */
        public Builder embedder(Embedder embedder) {
            this.embedder = embedder;
            return this;
        }

        /** {@code embedded} (default) or {@code chroma}, for good (see {@link #backendChoice}). */
        public Builder backend(String backend) {
            this.fixed = new BackendChoice(backend, fixed.chromaUrl());
            return this;
        }

        /** The Chroma server, e.g. {@code http://localhost:8000}, for good (see {@link #backendChoice}). */
        public Builder chromaUrl(String url) {
            this.fixed = new BackendChoice(fixed.name(), url);
            return this;
        }

        /** Where the backend choice is read at each use: the session's settings. */
        public Builder backendChoice(Supplier<BackendChoice> choice) {
            this.choice = Objects.requireNonNull(choice, "choice");
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

        /** The session's running cell: Java calls from a cell show progress in it and stop when it is interrupted. */
        public Builder cells(CellScope cells) {
            this.cells = Objects.requireNonNull(cells, "cells");
            return this;
        }

        /** How long a write waits for another process that is writing the same embedded collection. */
        public Builder lockWait(Duration wait) {
            this.lockWait = Objects.requireNonNull(wait, "wait");
            return this;
        }

        /** How long embedded batches of an ingest may wait for their commit (zero: a commit per batch). */
        Builder commitInterval(Duration interval) {
            this.commitInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        public Memory build() {
            if (embedder == null) {
                embedder = Embedder.defaultModel();
            }
            if (choice == null) {
                BackendChoice always = fixed;
                choice = () -> always;
            }
            return new Memory(this);
        }
    }
}
