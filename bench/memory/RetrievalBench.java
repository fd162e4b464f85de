import dev.hearth.kernel.memory.Embedder;
import dev.hearth.kernel.memory.IngestSummary;
import dev.hearth.kernel.memory.Memory;
import dev.hearth.kernel.memory.RecallEval;
import dev.hearth.kernel.memory.RecallMode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Retrieval quality and ingest throughput on a real vault.
 *
 * <pre>
 * java ... RetrievalBench.java VAULT QUESTIONS.tsv [QUESTIONS.tsv ...] [--home DIR] [--throughput]
 * </pre>
 *
 * Quality: ingests VAULT into the collection {@code eval} under DIR (kept between runs, so a second
 * run only recalls: ingest is incremental and re-embeds when the chunk format changes), then scores
 * every question file in every mode (top-1, top-5, MRR@5 over distinct notes) with default settings.
 * Throughput: ingests VAULT into a fresh collection through the whole pipeline, recording the texts
 * embedded, and embeds the same texts with the raw model (batches of 64) before and after; prints
 * the pipeline's rate as a share of the raw model's mean.
 */
public class RetrievalBench {

    public static void main(String[] args) throws Exception {
        List<Path> questions = new ArrayList<>();
        Path vault = null;
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "hearth-retrieval-bench");
        boolean throughput = false;
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]);
                case "--throughput" -> throughput = true;
                case "--verbose" -> verbose = true;
                default -> {
                    if (vault == null) {
                        vault = Path.of(args[i]);
                    } else {
                        questions.add(Path.of(args[i]));
                    }
                }
            }
        }
        if (vault == null) {
            System.err.println("usage: RetrievalBench VAULT QUESTIONS.tsv... [--home DIR] [--throughput] [--verbose]");
            System.exit(2);
        }
        Recording recording = new Recording(Embedder.defaultModel());
        Embedder embedder = Embedder.of(Embedder.DEFAULT_MODEL, recording);
        embedder.embed("warm up");
        if (throughput) {
            throughput(vault, embedder, recording);
        }
        if (!questions.isEmpty()) {
            try (Memory memory = Memory.builder(home).embedder(embedder).build()) {
                IngestSummary s = memory.ingest(vault.toString(), "eval");
                System.out.println("ingest: " + s.toString().lines().findFirst().orElse(""));
                for (Path q : questions) {
                    System.out.println("\n== " + q.getFileName() + " on " + vault.getFileName());
                    for (RecallMode mode : RecallMode.values()) {
                        RecallEval.Report report = memory.evaluate(q, "eval", mode);
                        System.out.println(verbose ? report : report.summary());
                    }
                }
            }
        }
    }

    private static void throughput(Path vault, Embedder embedder, Recording recording) throws Exception {
        Path home = Files.createTempDirectory("hearth-throughput");
        recording.texts.clear();
        recording.nanos = 0;
        long t0 = System.nanoTime();
        IngestSummary s;
        try (Memory memory = Memory.builder(home).embedder(embedder).build()) {
            s = memory.ingest(vault.toString(), "throughput");
        }
        double pipeline = (System.nanoTime() - t0) / 1e9;
        double inModel = recording.nanos / 1e9;
        List<TextSegment> texts = recording.texts.stream().map(TextSegment::from).toList();
        double rawBefore = raw(recording.model, texts);
        double rawAfter = raw(recording.model, texts);
        double rawMean = (rawBefore + rawAfter) / 2;
        System.out.printf(Locale.ROOT, "throughput on %s: %d files, %d chunks%n", vault.getFileName(), s.added(), s.chunks());
        System.out.printf(Locale.ROOT, "  whole ingest pipeline: %.1f s = %.1f chunks/s%n", pipeline, s.chunks() / pipeline);
        System.out.printf(Locale.ROOT, "  of which in the model: %.1f s; everything else: %.1f s (%.1f ms per chunk)%n",
                inModel, pipeline - inModel, 1000 * (pipeline - inModel) / Math.max(1, s.chunks()));
        System.out.printf(Locale.ROOT, "  raw model (embedAll, batches of 64): %.1f s / %.1f s = %.1f chunks/s (mean)%n",
                rawBefore, rawAfter, texts.size() / rawMean);
        System.out.printf(Locale.ROOT, "  pipeline / raw model: %.0f %%%n", 100 * rawMean / pipeline);
    }

    private static double raw(EmbeddingModel model, List<TextSegment> texts) {
        long t = System.nanoTime();
        for (int i = 0; i < texts.size(); i += 64) {
            model.embedAll(texts.subList(i, Math.min(texts.size(), i + 64)));
        }
        return (System.nanoTime() - t) / 1e9;
    }

    /** The real model, noting the texts the pipeline had it embed. */
    static final class Recording implements EmbeddingModel {
        final EmbeddingModel model;
        final List<String> texts = new ArrayList<>();
        long nanos;

        Recording(Embedder real) {
            this.model = real.model();
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            segments.forEach(s -> texts.add(s.text()));
            long t = System.nanoTime();
            try {
                return model.embedAll(segments);
            } finally {
                nanos += System.nanoTime() - t;
            }
        }

        @Override
        public int dimension() {
            return model.dimension();
        }
    }
}
