package dev.hearth.kernel;

import dev.hearth.kernel.ai.Ai;
import dev.hearth.kernel.ai.LocalModelServer;
import dev.hearth.kernel.ai.TinyModel;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.cell.DiscardingCellContext;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.memory.Memory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The composition root: the rooms as one session sees them, and settings resolved once for every consumer. */
class WiringTest {

    @TempDir
    Path home;

    @Test
    void withOnlyOllamaHostSetChatAndEmbeddingsBothReachThatServer() throws Exception {
        try (LocalModelServer server = LocalModelServer.start(Map.of(TinyModel.NAME, TinyModel.shared()))) {
            String hostPort = server.url().substring("http://".length());
            HearthConfig config = HearthConfig.load(Map.of("HEARTH_HOME", home.toString(), "OLLAMA_HOST", hostPort,
                    "HEARTH_MODEL", "ollama:" + TinyModel.NAME, "HEARTH_MEMORY_MODEL", "ollama:nomic-embed-text"), home);
            try (Wiring wiring = Wiring.create(config, new CellScope())) {
                String answer = wiring.service(Ai.class).ask("Hello");
                assertTrue(!answer.isBlank(), "the tiny model answered");
                Memory memory = wiring.service(Memory.class);
                memory.remember("the boiler code is BX-2291", null, List.of());
                assertEquals("the boiler code is BX-2291", memory.recall("boiler code").get(0).text());
            }
            List<String> requests = server.requests();
            assertTrue(requests.contains("POST /api/chat"), "chat went to OLLAMA_HOST: " + requests);
            assertTrue(requests.contains("POST /api/embed"), "embeddings went to OLLAMA_HOST too: " + requests);
        }
    }

    @Test
    void everyRoomBindsItsNameInCellsWithoutStaticState() throws Exception {
        HearthConfig config = HearthConfig.load(Map.of("HEARTH_HOME", home.toString()), home);
        try (Wiring wiring = Wiring.create(config, new CellScope())) {
            var runner = wiring.interpreter().runner();
            var context = new DiscardingCellContext();
            assertEquals("dev.hearth.kernel.ai.Ai", runner.runCell("ai.getClass().getName()", context).value());
            assertEquals("dev.hearth.kernel.memory.Memory", runner.runCell("memory.getClass().getName()", context).value());
            assertEquals("dev.hearth.kernel.actions.ActionsFacade", runner.runCell("actions.getClass().getName()", context).value());
            assertTrue(wiring.evaluator().variableNames().containsAll(List.of("ai", "memory", "actions")));
        }
        try (Wiring second = Wiring.create(HearthConfig.load(Map.of("HEARTH_HOME", home.resolve("2").toString()), home),
                new CellScope())) {
            Object memory = second.interpreter().runner().runCell("memory", new DiscardingCellContext()).value();
            assertTrue(memory == second.service(Memory.class), "each session's cells see that session's own service");
        }
    }
}
