package dev.hearth.kernel.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader sees in an executed notebook: every code cell's outputs (stream text, results,
 * displays, errors) without what changes from run to run anyway (execution counts, output
 * metadata, display ids). Two runs with equal results showed the same thing.
 */
final class DisplayedResults {

    private DisplayedResults() {
    }

    /** The displayed results of {@code notebook} (nbformat 4 as JSON maps). */
    @SuppressWarnings("unchecked")
    static List<Object> of(Map<String, Object> notebook) {
        List<Object> shown = new ArrayList<>();
        for (Object c : (List<Object>) notebook.getOrDefault("cells", List.of())) {
            Map<String, Object> cell = (Map<String, Object>) c;
            if (!"code".equals(cell.get("cell_type"))) {
                continue;
            }
            List<Object> outputs = new ArrayList<>();
            for (Object o : (List<Object>) cell.getOrDefault("outputs", List.of())) {
                Map<String, Object> output = (Map<String, Object>) o;
                Map<String, Object> seen = new LinkedHashMap<>();
                for (String key : List.of("output_type", "name", "text", "data", "ename", "evalue")) {
                    if (output.containsKey(key)) {
                        seen.put(key, joined(output.get(key)));
                    }
                }
                outputs.add(seen);
            }
            shown.add(outputs);
        }
        return shown;
    }

    /** nbformat allows text as a list of lines; compare the joined text. */
    @SuppressWarnings("unchecked")
    private static Object joined(Object value) {
        if (value instanceof List<?> lines && lines.stream().allMatch(l -> l instanceof String)) {
            return String.join("", (List<String>) lines);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, joined(v)));
            return copy;
        }
        return value;
    }
}
