package dev.hearth.kernel.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores recall on the user's own notes: a file of questions, each with the note that answers it
 * ({@code question<TAB>relative/path.md} per line; blank lines and {@code #} comments are
 * ignored), is run against a collection, and the report gives the share of questions whose note
 * ranks first (top-1) and in the first five (top-5), the mean reciprocal rank over the first five
 * (MRR@5, as {@code score.py} computes it), and every question whose note did not rank first, with
 * what did. Paths are compared relative to the folder that was ingested.
 */
public final class RecallEval {

    /** How deep the ranking is looked at for a miss's rank. */
    static final int DEPTH = 10;

    private RecallEval() {
    }

    /**
     * One question.
     *
     * @param question what a person asks
     * @param expected the path of the note that answers it, relative to the ingested folder
     */
    public record Question(String question, String expected) {
    }

    /**
     * A question whose note did not rank first.
     *
     * @param question the question
     * @param expected the note that answers it
     * @param rank     where it ranked, or 0 when not in the first {@value #DEPTH}
     * @param first    the notes that came first, best first (up to five)
     */
    public record Miss(String question, String expected, int rank, List<String> first) {
    }

    /**
     * The scores of one run.
     *
     * @param mode      the ranking scored
     * @param questions how many questions
     * @param top1      questions whose note ranked first
     * @param top5      questions whose note ranked in the first five
     * @param mrr       mean reciprocal rank over the first five (0 to 1)
     * @param misses    the questions whose note did not rank first
     */
    public record Report(RecallMode mode, int questions, int top1, int top5, double mrr, List<Miss> misses) {

        /** The share of questions answered by the first note. */
        public double top1Rate() {
            return questions == 0 ? 0 : (double) top1 / questions;
        }

        /** The share of questions answered within the first five notes. */
        public double top5Rate() {
            return questions == 0 ? 0 : (double) top5 / questions;
        }

        /** One line of figures. */
        public String summary() {
            return String.format(Locale.ROOT, "%s: %d questions, top-1 %.2f (%d), top-5 %.2f (%d), MRR@5 %.3f",
                    mode.name().toLowerCase(Locale.ROOT), questions, top1Rate(), top1, top5Rate(), top5, mrr);
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(summary());
            for (Miss m : misses) {
                out.append("\n  ").append(m.rank() == 0 ? "not in top " + DEPTH : "rank " + m.rank()).append(": ")
                        .append(m.question()).append("\n     expected ").append(m.expected())
                        .append("\n     first    ").append(String.join(" | ", m.first().subList(0, Math.min(3, m.first().size()))));
            }
            return out.toString();
        }
    }

    /** Reads a question file. */
    public static List<Question> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the question file " + file + ": " + FileSet.reason(e), e);
        }
        List<Question> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1)
                        + ": expected 'question<TAB>path/of/note.md', got '" + line + "'");
            }
            out.add(new Question(parts[0].strip(), normalise(parts[1])));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no questions (one 'question<TAB>path/of/note.md' per line)");
        }
        return out;
    }

    /** Runs {@code questions} against {@code collection} (null: the default) ranked by {@code mode} (null: the default). */
    public static Report run(Memory memory, List<Question> questions, String collection, RecallMode mode) {
        int top1 = 0;
        int top5 = 0;
        double mrr = 0;
        List<Miss> misses = new ArrayList<>();
        RecallMode used = mode;
        for (Question q : questions) {
            Memory.RecallRequest request = new Memory.RecallRequest(q.question(), DEPTH, collection, Map.of(), mode);
            List<String> ranked = memory.recall(request).stream().map(r -> normalise(r.path())).toList();
            int rank = ranked.indexOf(q.expected()) + 1;
            if (rank == 1) {
                top1++;
            } else {
                misses.add(new Miss(q.question(), q.expected(), rank, ranked.subList(0, Math.min(5, ranked.size()))));
            }
            if (rank >= 1 && rank <= 5) {
                top5++;
                mrr += 1.0 / rank;
            }
        }
        if (used == null) {
            used = memory.backend().equals("embedded") ? RecallMode.HYBRID : RecallMode.VECTOR;
        }
        return new Report(used, questions.size(), top1, top5, questions.isEmpty() ? 0 : mrr / questions.size(), misses);
    }

    private static String normalise(String path) {
        String p = path.strip().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }
}
