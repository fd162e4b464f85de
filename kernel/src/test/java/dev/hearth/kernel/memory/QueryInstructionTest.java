package dev.hearth.kernel.memory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queries and passages are embedded the way the model was trained: BGE v1.5 gets its instruction
 * before a search query and nothing before a stored passage (a note, a chunk, a remembered text).
 */
class QueryInstructionTest {

    @TempDir
    Path tmp;
    Memory memory;

    @BeforeEach
    void open() {
        memory = Fixtures.memory(tmp.resolve("home"));
    }

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void aQuestionIsEmbeddedWithBgesQueryInstructionAndNotesWithout() {
        Path vault = Fixtures.copy("vault", tmp);
        TestModels.EMBEDDED.clear();
        memory.ingest(vault.toString());
        memory.remember("The spare key is under the blue flower pot", null, List.of());
        List<String> stored = List.copyOf(TestModels.EMBEDDED);
        assertFalse(stored.isEmpty());
        assertTrue(stored.stream().noneMatch(t -> t.contains(InputPrefixes.BGE_QUERY_INSTRUCTION.strip())),
                "a passage is embedded as it is: " + stored);
        assertTrue(stored.contains("The spare key is under the blue flower pot"), stored.toString());

        for (RecallMode mode : RecallMode.values()) {
            TestModels.EMBEDDED.clear();
            List<Recalled> hits = memory.recall(new Memory.RecallRequest("What is the boiler service code?", 3, null, Map.of(), mode));
            assertEquals(List.of(InputPrefixes.BGE_QUERY_INSTRUCTION + "What is the boiler service code?"), TestModels.EMBEDDED,
                    "the question, with the instruction, is the one text embedded in " + mode);
            assertTrue(hits.get(0).source().endsWith("/Home Maintenance.md"), hits.toString());
        }
    }

    @Test
    void eachModelGetsTheInputsItWasTrainedOn() {
        assertEquals(new InputPrefixes(InputPrefixes.BGE_QUERY_INSTRUCTION, ""), InputPrefixes.forModel(Embedder.DEFAULT_MODEL));
        assertEquals(InputPrefixes.NONE, InputPrefixes.forModel("ollama:nomic-embed-text"),
                "a model Hearth does not know is not given another model's instruction");
        assertEquals(InputPrefixes.BGE_QUERY_INSTRUCTION, TestModels.embedder().prefixes().query());
    }
}
