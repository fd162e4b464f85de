package dev.hearth.kernel.ai;

import dev.hearth.kernel.cell.CellHistory;
import dev.hearth.kernel.config.HearthConfig;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model ids, endpoints from the environment, prompt filling and the context guard, without a model. */
class PromptPiecesTest {

    @TempDir
    Path home;

    private static final CellHistory HISTORY = new CellHistory() {
        @Override
        public Optional<String> input(int n) {
            return n == 2 ? Optional.of("int x = 41;") : Optional.empty();
        }

        @Override
        public Optional<String> output(int n) {
            return n == 3 ? Optional.of("42") : Optional.empty();
        }

        @Override
        public Optional<Object> value(int n) {
            return n == 3 ? Optional.of(42) : Optional.empty();
        }

        @Override
        public Optional<String> lastError() {
            return Optional.of("java.lang.ArithmeticException: / by zero");
        }

        @Override
        public Optional<String> error(int n) {
            return n == 1 ? Optional.of("cannot find symbol: y") : n == 4 ? lastError() : Optional.empty();
        }

        @Override
        public java.util.OptionalInt lastFailedCell() {
            return java.util.OptionalInt.of(4);
        }
    };

    private final PromptTemplate template = new PromptTemplate(
            name -> Map.<String, Object>of("city", "Oslo", "nums", new int[]{1, 2}).entrySet().stream()
                    .filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).findFirst(), HISTORY);

    @Test
    void fillsVariablesCellsAndErrorsAndKeepsEscapedBraces() {
        assertEquals("Weather in Oslo? {city} [1, 2]", template.fill("Weather in {city}? {{city}} {nums}"));
        assertEquals("Fix int x = 41; -> 42: java.lang.ArithmeticException: / by zero",
                template.fill("Fix {In[2]} -> {Out[3]}: {Err}"));
        assertEquals("{\"a\": 1}", template.fill("{\"a\": 1}"), "JSON stays as written");
        assertEquals("first: cannot find symbol: y; last: java.lang.ArithmeticException: / by zero",
                template.fill("first: {Err[1]}; last: {Err}"), "{Err[n]} is the error of any earlier cell");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> template.fill("{Err[2]}")).getMessage()
                .contains("cell 2 did not fail"));
    }

    @Test
    void unknownReferencesAreErrorsNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> template.fill("{town}")).getMessage()
                .contains("Unknown name {town}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> template.fill("{In[9]}")).getMessage()
                .contains("{In[9]}"));
    }

    @Test
    void modelIdsAndAliases() {
        assertEquals(new ModelRef("ollama", "llama3.2:1b"), ModelRef.parse("llama3.2:1b"));
        assertEquals(new ModelRef("gguf", "/m/x.gguf"), ModelRef.parse("gguf:/m/x.gguf"));
        assertEquals(new ModelRef("openai", "qwen"), ModelRef.parse("openai:qwen"));
        assertThrows(IllegalArgumentException.class, () -> ModelRef.parse("openai:"));
        ModelRegistry registry = ModelRegistry.builder(TinyModel.config(home, null, null)).build();
        assertEquals(new ModelRef("ollama", "llama3.2"), registry.defaultModel(), "the default without settings");
        registry.alias("tiny", "gguf:/m/x.gguf");
        assertEquals(new ModelRef("gguf", "/m/x.gguf"), registry.resolve("tiny"));
    }

    /** A configuration whose environment has OLLAMA_HOST=127.0.0.1:9999 (and HEARTH_OLLAMA_URL={@code ollamaUrl}, if given). */
    private HearthConfig withOllamaHost(String ollamaUrl) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("HEARTH_HOME", home.toString(), "OLLAMA_HOST", "127.0.0.1:9999"));
        if (ollamaUrl != null) {
            env.put("HEARTH_OLLAMA_URL", ollamaUrl);
        }
        return HearthConfig.load(env, home);
    }

    @Test
    void endpointsComeFromConfigThenOllamaHost() {
        ModelRegistry fromHost = ModelRegistry.builder(withOllamaHost(null)).build();
        assertEquals("http://127.0.0.1:9999", fromHost.ollamaUrl());
        ModelRegistry fromConfig = ModelRegistry.builder(withOllamaHost("http://10.0.0.1:11434/")).build();
        assertEquals("http://10.0.0.1:11434", fromConfig.ollamaUrl());
        assertEquals("http://localhost:11434", ModelRegistry.builder(TinyModel.config(home, null, null)).build().ollamaUrl());
        HearthConfig config = HearthConfig.load(Map.of("HEARTH_HOME", home.toString(), "HEARTH_MODEL", "openai:qwen",
                "HEARTH_OPENAI_API_KEY", "sk-secret"), home);
        ModelRegistry registry = ModelRegistry.builder(config).build();
        assertEquals(new ModelRef("openai", "qwen"), registry.defaultModel());
        assertEquals("******** (set)", config.display("openai.api.key"), "the key is never shown");
    }

    @Test
    void hearthPatternsWinOverFabricsAndFabricsAreFound() throws Exception {
        Path fabric = home.resolve("user/.config/fabric/patterns");
        java.nio.file.Files.createDirectories(fabric.resolve("summarize"));
        java.nio.file.Files.writeString(fabric.resolve("summarize/system.md"), "Fabric's summary.");
        java.nio.file.Files.createDirectories(fabric.resolve("extract_wisdom"));
        java.nio.file.Files.writeString(fabric.resolve("extract_wisdom/system.md"), "Wisdom. {{input}}");
        Patterns patterns = Patterns.standard(home.resolve("hearth"), home.resolve("user"));
        assertEquals("Fabric's summary.", patterns.find("summarize").system(), "Fabric's beats the bundled one");
        java.nio.file.Files.createDirectories(home.resolve("hearth/patterns/summarize"));
        java.nio.file.Files.writeString(home.resolve("hearth/patterns/summarize/system.md"), "Mine.");
        assertEquals("Mine.", patterns.find("summarize").system(), "Hearth's beats Fabric's");
        assertEquals("Wisdom. text", patterns.find("extract_wisdom").apply("text")[0]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> patterns.find("nope")).getMessage()
                .contains("Known patterns: "));
    }

    @Test
    void guardNamesTokensLimitAndFlag() {
        AiException e = assertThrows(AiException.class, () -> AiService.guard(List.of(UserMessage.from("x".repeat(4000))),
                ModelSettings.builder().contextSize(512).build()));
        assertEquals("The prompt is about 1004 tokens, more than the context size of 512 tokens. Raise it with "
                + "--num-ctx 2048 (or %config ai.num.ctx=2048), or shorten the prompt.", e.getMessage());
    }
}
