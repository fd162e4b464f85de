import dev.hearth.kernel.memory.Embedder;
import dev.hearth.kernel.memory.IngestSummary;
import dev.hearth.kernel.memory.InputPrefixes;
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
 * java ... RetrievalBench.java VAULT [QUESTIONS.tsv ...] [--home DIR] [--throughput | --rounds N] [--verbose] [--plain-queries] [--model NAME=CLASS]
 * </pre>
 *
 * Quality: ingests VAULT into the collection {@code eval} under DIR (kept between runs, so a second
 * run only recalls: ingest is incremental and re-embeds when the chunk format changes), then scores
 * every question file in every mode (top-1, top-5, MRR@5 over distinct notes) with default settings.
 * Throughput ({@code --throughput}: 3 rounds): ingests VAULT into fresh collections through the whole
 * pipeline, alternating with the raw model (batches of 64) on the same texts, and prints each
 * pipeline run's rate as a share of the raw runs on either side of it, with the median and spread.
 * {@code --plain-queries} embeds the questions without the model's query instruction (as Hearth did
 * before it had one), to compare; {@code --model NAME=CLASS} uses another in-process langchain4j model
 * on the class path instead of the default.
 */
public class RetrievalBench {

    public static void main(String[] args) throws Exception {
        List<Path> questions = new ArrayList<>();
        Path vault = null;
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "hearth-retrieval-bench");
        int rounds = 0;
        boolean verbose = false;
        boolean plainQueries = false;
        String modelName = Embedder.DEFAULT_MODEL;
        String modelClass = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]);
                case "--throughput" -> rounds = 3;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--verbose" -> verbose = true;
                case "--plain-queries" -> plainQueries = true;
                case "--model" -> {
                    // NAME=CLASS: another in-process langchain4j model on the class path, to compare
                    String[] nc = args[++i].split("=", 2);
                    modelName = nc[0];
                    modelClass = nc[1];
                }
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
            System.err.println("usage: RetrievalBench VAULT [QUESTIONS.tsv...] [--home DIR] [--throughput | --rounds N] [--verbose] [--plain-queries] [--model NAME=CLASS]");
            System.exit(2);
        }
        Recording recording = new Recording(modelClass == null ? Embedder.defaultModel().model()
                : (EmbeddingModel) Class.forName(modelClass).getConstructor().newInstance());
        Embedder embedder = plainQueries
                ? Embedder.of(modelName, recording, new InputPrefixes("", InputPrefixes.forModel(modelName).document()))
                : Embedder.of(modelName, recording);
        System.out.println("model " + embedder.name() + ", query prefix '" + embedder.prefixes().query() + "'");
        embedder.embed("warm up");
        if (rounds > 0) {
            throughput(vault, embedder, recording, rounds);
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

    /**
     * A first pipeline run records the texts embedded (and warms the JIT); then the raw model and the
     * pipeline alternate, raw first and last, and each pipeline run is set against the mean of the raw
     * runs on either side of it, so load from other processes falls on both arms alike.
     */
    private static void throughput(Path vault, Embedder embedder, Recording recording, int rounds) throws Exception {
        Run warm = pipeline(vault, embedder, recording);
        List<TextSegment> texts = recording.texts.stream().map(TextSegment::from).toList();
        System.out.printf(Locale.ROOT, "throughput on %s: %d files, %d chunks; warm-up pipeline run %.1f s%n",
                vault.getFileName(), warm.files, warm.chunks, warm.seconds);
        List<Double> shares = new ArrayList<>();
        double rawBefore = raw(recording.model, texts);
        for (int round = 1; round <= rounds; round++) {
            Run run = pipeline(vault, embedder, recording);
            double rawAfter = raw(recording.model, texts);
            double share = (rawBefore + rawAfter) / 2 / run.seconds;
            shares.add(share);
            System.out.printf(Locale.ROOT, "  round %d: raw %.1f s | pipeline %.1f s (model %.1f s, the rest %.1f s = %.1f ms per chunk)"
                            + " | raw %.1f s -> pipeline / raw = %.0f %%%n", round, rawBefore, run.seconds, run.inModel,
                    run.seconds - run.inModel, 1000 * (run.seconds - run.inModel) / Math.max(1, run.chunks), rawAfter, 100 * share);
            rawBefore = rawAfter;
        }
        List<Double> sorted = shares.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "  pipeline / raw model over %d rounds: median %.0f %%, min %.0f %%, max %.0f %%%n", rounds,
                100 * sorted.get(sorted.size() / 2), 100 * sorted.get(0), 100 * sorted.get(sorted.size() - 1));
    }

    private record Run(int files, long chunks, double seconds, double inModel) {
    }

    /** The whole ingest pipeline into a fresh collection. */
    private static Run pipeline(Path vault, Embedder embedder, Recording recording) throws Exception {
        Path home = Files.createTempDirectory("hearth-throughput");
        recording.texts.clear();
        recording.nanos = 0;
        long t0 = System.nanoTime();
        IngestSummary s;
        try (Memory memory = Memory.builder(home).embedder(embedder).build()) {
            s = memory.ingest(vault.toString(), "throughput");
        }
        return new Run(s.added(), s.chunks(), (System.nanoTime() - t0) / 1e9, recording.nanos / 1e9);
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

        Recording(EmbeddingModel real) {
            this.model = real;
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
