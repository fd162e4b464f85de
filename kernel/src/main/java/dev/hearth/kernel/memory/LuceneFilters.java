package dev.hearth.kernel.memory;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Metadata filters on the embedded store: how a value is indexed (list elements and hierarchy
 * prefixes as their own terms) and how a langchain4j filter becomes a Lucene query.
 */
final class LuceneFilters {

    /** Comma-separated lists: {@code tags=x} matches one element. */
    private static final Set<String> LIST_KEYS = Set.of("tags", "links", "aliases");
    /** Slash hierarchies: {@code tags=home} matches {@code home/heating}, {@code folder=A} matches {@code A/B}. */
    private static final Set<String> HIERARCHY_KEYS = Set.of("tags", "folder");

    private LuceneFilters() {
    }

    /** The terms {@code value} of {@code key} is indexed under. */
    static List<String> terms(String key, String value) {
        Set<String> out = new LinkedHashSet<>();
        out.add(value);
        List<String> parts = LIST_KEYS.contains(key) ? List.of(value.split(",\\s*")) : List.of(value);
        for (String part : parts) {
            out.add(part);
            if (HIERARCHY_KEYS.contains(key)) {
                int slash = part.indexOf('/');
                while (slash > 0) {
                    out.add(part.substring(0, slash));
                    slash = part.indexOf('/', slash + 1);
                }
            }
        }
        return new ArrayList<>(out);
    }

    static Query termsQuery(String field, Collection<?> values) {
        return new TermInSetQuery(field, values.stream().map(v -> new BytesRef(String.valueOf(v))).toList());
    }

    /** Translates a langchain4j metadata filter to a Lucene query (equality, membership, and/or/not). */
    static Query toQuery(Filter filter) {
        if (filter instanceof IsEqualTo eq) {
            return new TermQuery(new Term(LuceneEmbeddingStore.FIELD_PREFIX + eq.key(), String.valueOf(eq.comparisonValue())));
        }
        if (filter instanceof IsIn in) {
            return termsQuery(LuceneEmbeddingStore.FIELD_PREFIX + in.key(), in.comparisonValues());
        }
        if (filter instanceof IsNotEqualTo ne) {
            return not(new TermQuery(new Term(LuceneEmbeddingStore.FIELD_PREFIX + ne.key(), String.valueOf(ne.comparisonValue()))));
        }
        if (filter instanceof IsNotIn nin) {
            return not(termsQuery(LuceneEmbeddingStore.FIELD_PREFIX + nin.key(), nin.comparisonValues()));
        }
        if (filter instanceof And and) {
            return new BooleanQuery.Builder().add(toQuery(and.left()), BooleanClause.Occur.FILTER)
                    .add(toQuery(and.right()), BooleanClause.Occur.FILTER).build();
        }
        if (filter instanceof Or or) {
            return new BooleanQuery.Builder().add(toQuery(or.left()), BooleanClause.Occur.SHOULD)
                    .add(toQuery(or.right()), BooleanClause.Occur.SHOULD).setMinimumNumberShouldMatch(1).build();
        }
        if (filter instanceof Not not) {
            return not(toQuery(not.expression()));
        }
        throw new UnsupportedOperationException("The embedded memory store supports equality and membership filters"
                + " (and/or/not of them), not " + filter.getClass().getSimpleName());
    }

    private static Query not(Query query) {
        return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                .add(query, BooleanClause.Occur.MUST_NOT).build();
    }

}
