import dev.hearth.kernel.memory.ChromaBackend;
import dev.hearth.kernel.memory.Chunk;
import dev.hearth.kernel.memory.Chunker;
import dev.hearth.kernel.memory.DocumentReader;
import dev.hearth.kernel.memory.Embedder;
import dev.hearth.kernel.memory.IngestSummary;
import dev.hearth.kernel.memory.LuceneEmbeddingStore;
import dev.hearth.kernel.memory.Memory;
import dev.hearth.kernel.memory.ModelInfo;
import dev.hearth.kernel.memory.ParsedDocument;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Memory benchmarks: ingest throughput of the whole pipeline vs the raw embedding model on the
 * same chunks, recall latency (embed the query + top-5) at 10k and 100k chunks, and the heap/RSS
 * with the model loaded. Run with bench/memory-bench.sh [FILES] [--chroma URL].
 */
public class MemoryBench {

    private static final String[] WORDS = ("garden boiler invoice meeting recipe travel budget violin teacher ticket bug "
            + "parser shelf lamp river hotel flight train coffee tea sourdough starter hydration oven bicycle tyre "
            + "pressure dentist appointment birthday climbing chess library window plant tomato hose shed key pot "
            + "router password network printer paper ink monitor cable adapter talk room slide deadline project").split(" ");

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 300;
        String chroma = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--chroma")) {
                chroma = args[i + 1];
            }
        }
        Path work = Files.createTempDirectory("hearth-bench");
        Path notes = Files.createDirectories(work.resolve("notes"));
        Random random = new Random(42);
        for (int f = 0; f < files; f++) {
            StringBuilder md = new StringBuilder("---\ntags: [bench]\n---\n# Note " + f + "\n\n");
            for (int s = 0; s < 3; s++) {
                md.append("## Part ").append(s).append("\n\n").append(sentence(random, 60)).append("\n\n");
            }
            Files.writeString(notes.resolve("note-" + f + ".md"), md.toString());
        }
        Embedder embedder = Embedder.defaultModel();
        long load = System.nanoTime();
        embedder.embed("warm up");
        System.out.printf(Locale.ROOT, "model load + first embed: %.2f s%n", (System.nanoTime() - load) / 1e9);
        footprint("after loading the model");

        // raw: the same chunks (title > heading + text, as ingest embeds them), embedAll in batches of 64
        DocumentReader reader = new DocumentReader(Long.MAX_VALUE);
        Chunker chunker = new Chunker(Chunker.DEFAULT_SIZE, Chunker.DEFAULT_OVERLAP);
        List<TextSegment> texts = new ArrayList<>();
        try (var list = Files.list(notes)) {
            for (Path p : list.sorted().toList()) {
                ParsedDocument doc = reader.read(p);
                for (Chunk c : chunker.chunk(doc)) {
                    texts.add(TextSegment.from(doc.metadata().get("title") + " > " + c.heading() + "\n" + c.text()));
                }
            }
        }
        embedder.embedDocuments(texts.subList(0, Math.min(64, texts.size())));
        // raw, pipeline, raw again: the machine is shared, so the pipeline is compared with the mean of both raw runs
        double raw1 = raw(embedder, texts);
        double pipeline;
        long chunks;
        try (Memory memory = Memory.builder(work.resolve("home")).embedder(embedder).build()) {
            IngestSummary summary = memory.ingest(notes.toString());
            pipeline = summary.chunks() / summary.seconds();
            chunks = summary.chunks();
        }
        double raw2 = raw(embedder, texts);
        double raw = (raw1 + raw2) / 2;
        System.out.printf(Locale.ROOT, "ingest: %d files, %d chunks; raw embedding %.1f and %.1f chunks/s, whole pipeline %.1f chunks/s = %.0f %% of raw%n",
                files, chunks, raw1, raw2, pipeline, 100 * pipeline / raw);

        ModelInfo info = embedder.info();
        for (int size : new int[] {10_000, 100_000}) {
            try (LuceneEmbeddingStore store = LuceneEmbeddingStore.open(work.resolve("lucene-" + size), info.dimension())) {
                fill(store, size, info.dimension(), random);
                latency("embedded", size, store, embedder);
            }
        }
        if (chroma != null) {
            ChromaBackend backend = new ChromaBackend(chroma, Duration.ofSeconds(120), new dev.hearth.kernel.cell.CellScope());
            for (int size : new int[] {10_000, 100_000}) {
                String name = "bench-" + size + "-" + Long.toHexString(System.nanoTime());
                EmbeddingStore<TextSegment> store = backend.open(name, info);
                fill(store, size, info.dimension(), random);
                latency("chroma", size, store, embedder);
                backend.drop(name);
            }
        }
        footprint("at the end");
    }

    private static double raw(Embedder embedder, List<TextSegment> texts) {
        long start = System.nanoTime();
        for (int i = 0; i < texts.size(); i += 64) {
            embedder.embedDocuments(texts.subList(i, Math.min(i + 64, texts.size())));
        }
        return texts.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static String sentence(Random random, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            s.append(WORDS[random.nextInt(WORDS.length)]).append(i % 12 == 11 ? ". " : " ");
        }
        return s.toString().strip();
    }

    /** Random unit vectors with short texts: search cost depends on the count, not on what the vectors mean. */
    private static void fill(EmbeddingStore<TextSegment> store, int size, int dim, Random random) {
        long start = System.nanoTime();
        int batch = 5000;
        for (int done = 0; done < size; done += batch) {
            List<String> ids = new ArrayList<>();
            List<Embedding> vectors = new ArrayList<>();
            List<TextSegment> segments = new ArrayList<>();
            for (int i = done; i < Math.min(size, done + batch); i++) {
                float[] v = new float[dim];
                double norm = 0;
                for (int j = 0; j < dim; j++) {
                    v[j] = (float) random.nextGaussian();
                    norm += v[j] * v[j];
                }
                for (int j = 0; j < dim; j++) {
                    v[j] /= (float) Math.sqrt(norm);
                }
                ids.add("id-" + i);
                vectors.add(Embedding.from(v));
                segments.add(TextSegment.from(sentence(random, 20)));
            }
            store.addAll(ids, vectors, segments);
        }
        System.out.printf(Locale.ROOT, "filled %d chunks in %.1f s%n", size, (System.nanoTime() - start) / 1e9);
    }

    private static void latency(String backend, int size, EmbeddingStore<TextSegment> store, Embedder embedder) {
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            search(store, embedder, "warm " + sentence(random, 6));
        }
        int n = 200;
        double[] total = new double[n];
        double[] searchOnly = new double[n];
        for (int i = 0; i < n; i++) {
            String q = sentence(random, 8);
            long t0 = System.nanoTime();
            Embedding e = embedder.embedQuery(q);
            long t1 = System.nanoTime();
            store.search(EmbeddingSearchRequest.builder().queryEmbedding(e).maxResults(5).build());
            long t2 = System.nanoTime();
            total[i] = (t2 - t0) / 1e6;
            searchOnly[i] = (t2 - t1) / 1e6;
        }
        Arrays.sort(total);
        Arrays.sort(searchOnly);
        System.out.printf(Locale.ROOT, "recall %s %d chunks: embed+top-5 median %.1f ms, p95 %.1f ms; search alone median %.1f ms%n",
                backend, size, total[n / 2], total[n * 95 / 100], searchOnly[n / 2]);
    }

    private static void search(EmbeddingStore<TextSegment> store, Embedder embedder, String q) {
        store.search(EmbeddingSearchRequest.builder().queryEmbedding(embedder.embedQuery(q)).maxResults(5).build());
    }

    private static void footprint(String when) throws Exception {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
        System.out.printf(Locale.ROOT, "footprint %s: heap used %d MB, %s%n", when,
                (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024), rss);
    }
}
