package dev.hearth.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActionSpecTest {

    private final ActionSpec spec = ActionSpec.builder("web.fetch")
            .description("Fetches a web page. Returns its title and readable text.")
            .required("url", ParamType.STRING, "the page to fetch")
            .optional("max_chars", ParamType.INTEGER, "longest text returned", 4000)
            .optional("links", ParamType.BOOLEAN, "whether to list the links", false)
            .param(ActionParam.optional("format", ParamType.STRING, "output format", "markdown").oneOf("markdown", "text"))
            .build();

    @Test
    void textFromAMagicLineIsConvertedAndDefaultsFilledIn() {
        ActionInput input = spec.validate(Map.of("url", "http://x", "max_chars", "12", "links", "yes"));
        assertEquals(12L, input.integer("max_chars", 0));
        assertTrue(input.bool("links", false));
        assertEquals("markdown", input.require("format"));
    }

    @Test
    void badInputNamesTheParameter() {
        assertEquals("url", assertThrows(InvalidInputException.class, () -> spec.validate(Map.of())).parameter());
        InvalidInputException wrongType = assertThrows(InvalidInputException.class,
                () -> spec.validate(Map.of("url", "u", "max_chars", "many")));
        assertEquals("web.fetch: parameter 'max_chars' expects a whole number, not 'many'", wrongType.getMessage());
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> spec.validate(Map.of("url", "u", "depth", 3)));
        assertTrue(unknown.getMessage().contains("unknown parameter 'depth'; known: url, max_chars, links, format"),
                unknown.getMessage());
        InvalidInputException notAllowed = assertThrows(InvalidInputException.class,
                () -> spec.validate(Map.of("url", "u", "format", "pdf")));
        assertTrue(notAllowed.getMessage().contains("'format' must be one of markdown, text"), notAllowed.getMessage());
        assertThrows(InvalidInputException.class, () -> spec.validate(Map.of("url", "u", "max_chars", 1.5)));
    }

    @Test
    void jsonSchemaAndToolNameFitModelToolCalling() {
        assertEquals("web_fetch", spec.toolName());
        Map<String, Object> schema = spec.jsonSchema();
        assertEquals(List.of("url"), schema.get("required"));
        assertEquals(false, schema.get("additionalProperties"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) schema.get("properties");
        assertEquals("integer", props.get("max_chars").get("type"));
        assertEquals(4000L, props.get("max_chars").get("default"));
        assertEquals(List.of("markdown", "text"), props.get("format").get("enum"));
    }

    @Test
    void usageShowsSynopsisAndEveryParameter() {
        String usage = spec.usage();
        assertTrue(usage.startsWith("Usage: %act web.fetch url=TEXT [max_chars=N] [links=true|false] [format=markdown|text]"), usage);
        assertTrue(usage.contains("max_chars  integer, default 4000: longest text returned"), usage);
        assertEquals("Fetches a web page.", spec.summary());
    }

    @Test
    void badSpecsAreRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> ActionSpec.builder("fetch").description("d").build());
        assertThrows(IllegalArgumentException.class, () -> ActionSpec.builder("web.fetch").build());
        assertThrows(IllegalArgumentException.class, () -> ActionParam.required("Bad-Name", ParamType.STRING, "d"));
    }
}
