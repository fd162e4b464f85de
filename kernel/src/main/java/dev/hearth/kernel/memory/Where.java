package dev.hearth.kernel.memory;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A recall filter: metadata keys with the values allowed. Values of one key are alternatives
 * ({@code tags=a,tags=b} is a or b), keys must all match. Hierarchical keys match their children:
 * {@code tags=home} matches {@code home/heating}, {@code folder=Projects} every note under it
 * (the embedded store indexes each prefix).
 */
final class Where {

    /** Keys every ingested note has, or may have, even when no chunk shows them yet. */
    static final Set<String> STANDARD_KEYS = Set.of("tags", "folder", "path", "source", "title", "aliases", "date",
            "type", "heading", "links");

    private Where() {
    }

    /** Parses {@code key=value[,key=value...]}; a repeated key adds an alternative. */
    static Map<String, List<String>> parse(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--where expects key=value, not '" + pair.strip() + "'");
            }
            out.computeIfAbsent(pair.substring(0, eq).strip(), k -> new ArrayList<>()).add(normalise(pair.substring(0, eq).strip(),
                    pair.substring(eq + 1).strip()));
        }
        return out;
    }

    /** {@code #home/} is the tag {@code home}; {@code Projects/} the folder {@code Projects}. */
    static String normalise(String key, String value) {
        String v = value;
        if (key.equals("tags")) {
            v = v.replaceFirst("^#", "");
        }
        if (key.equals("tags") || key.equals("folder")) {
            v = v.replaceAll("^/+|/+$", "");
        }
        return v;
    }

    /**
     * The langchain4j filter for {@code where}, or {@code null} when it is empty.
     *
     * @param known the keys the collection has, or {@code null} when the backend cannot tell
     * @throws IllegalArgumentException for a key the collection does not have, naming those it has
     */
    static Filter filter(Map<String, List<String>> where, Set<String> known) {
        Filter filter = null;
        for (Map.Entry<String, List<String>> e : where.entrySet()) {
            String key = e.getKey();
            if (known != null && !known.contains(key) && !STANDARD_KEYS.contains(key)) {
                Set<String> names = new TreeSet<>(STANDARD_KEYS);
                names.addAll(known);
                throw new IllegalArgumentException("Unknown --where key '" + key + "'. Known keys: " + String.join(", ", names));
            }
            List<Object> values = e.getValue().stream().map(v -> normalise(key, v)).map(Where::typed).toList();
            Filter f = values.size() == 1 ? new IsEqualTo(key, values.get(0)) : new IsIn(key, values);
            filter = filter == null ? f : filter.and(f);
        }
        return filter;
    }

    private static Object typed(String value) {
        return value.matches("-?\\d{1,9}") ? (Object) Integer.valueOf(value) : value;
    }
}
