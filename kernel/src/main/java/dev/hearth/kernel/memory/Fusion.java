package dev.hearth.kernel.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Hybrid ranking: each candidate's meaning score (cosine) and keyword score (BM25) are put on a
 * 0–1 scale within the candidates (cosine from the lowest to the highest, BM25 as a share of the
 * best) and mixed by weight. Unlike rank fusion, a candidate that one method finds far better than
 * everything else keeps that lead; and the first of each method is kept within the top
 * {@value #KEEP_WITHIN}, so a note only one method finds is not buried.
 */
final class Fusion {

    /** Share of the meaning score in the mix; the keyword score has the rest. */
    static final double VECTOR_WEIGHT = 0.7;
    /** The best of either method ranks at least this high. */
    static final int KEEP_WITHIN = 2;

    private Fusion() {
    }

    /**
     * A candidate.
     *
     * @param key    what it is (a chunk id or a note)
     * @param cosine cosine similarity to the query
     * @param bm25   keyword relevance, 0 when the keyword search did not return it
     * @param <T>    what it carries
     */
    record Candidate<T>(T item, double cosine, double bm25) {
    }

    /** The candidates ranked best first by the mix. */
    static <T> List<Candidate<T>> rank(List<Candidate<T>> candidates, double vectorWeight) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        double minCos = candidates.stream().mapToDouble(Candidate::cosine).min().orElse(0);
        double maxCos = candidates.stream().mapToDouble(Candidate::cosine).max().orElse(1);
        double maxBm25 = candidates.stream().mapToDouble(Candidate::bm25).max().orElse(0);
        double spread = maxCos - minCos;
        Comparator<Candidate<T>> byMix = Comparator.comparingDouble(c -> -(vectorWeight * (spread <= 0 ? 1 : (c.cosine() - minCos) / spread)
                + (1 - vectorWeight) * (maxBm25 <= 0 ? 0 : c.bm25() / maxBm25)));
        List<Candidate<T>> ranked = new ArrayList<>(candidates);
        ranked.sort(byMix);
        keepNearTop(ranked, candidates.stream().max(Comparator.comparingDouble(Candidate::cosine)).orElseThrow());
        if (maxBm25 > 0) {
            keepNearTop(ranked, candidates.stream().max(Comparator.comparingDouble(Candidate::bm25)).orElseThrow());
        }
        return ranked;
    }

    private static <T> void keepNearTop(List<Candidate<T>> ranked, Candidate<T> best) {
        int at = ranked.indexOf(best);
        if (at >= KEEP_WITHIN) {
            ranked.remove(at);
            ranked.add(KEEP_WITHIN - 1, best);
        }
    }
}
