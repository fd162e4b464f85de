package dev.hearth.kernel.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A chunk's metadata as the embedded store keeps it: JSON with each value's Java type, so it reads back as the same type. */
final class StoredMetadata {

    private static final ObjectMapper JSON = dev.hearth.kernel.json.Json.mapper();

    private StoredMetadata() {
    }

    static String toJson(Map<String, Object> meta) throws JsonProcessingException {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        meta.forEach((k, v) -> out.put(k, List.of(v.getClass().getSimpleName(), String.valueOf(v))));
        return JSON.writeValueAsString(out);
    }

    static Metadata fromJson(String json) throws JsonProcessingException {
        Map<String, List<String>> stored = JSON.readValue(json, new TypeReference<Map<String, List<String>>>() { });
        Metadata metadata = new Metadata();
        stored.forEach((k, pair) -> {
            String value = pair.get(1);
            switch (pair.get(0)) {
                case "Integer" -> metadata.put(k, Integer.parseInt(value));
                case "Long" -> metadata.put(k, Long.parseLong(value));
                case "Float" -> metadata.put(k, Float.parseFloat(value));
                case "Double" -> metadata.put(k, Double.parseDouble(value));
                case "UUID" -> metadata.put(k, UUID.fromString(value));
                default -> metadata.put(k, value);
            }
        });
        return metadata;
    }
}
