package dev.hearth.kernel.memory;

import dev.hearth.kernel.testing.KernelClient.Exchange;
import dev.hearth.kernel.testing.KernelProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the embedded store holds survives a kernel restart on the same Hearth home. */
class MemoryRestartTest {

    @TempDir
    Path dir;

    @Test
    void aNoteRememberedBeforeARestartIsRecalledAfterIt() throws Exception {
        Path home = dir.resolve("home");
        try (KernelProcess first = KernelProcess.start(home, Map.of())) {
            Exchange e = first.client().execute("%remember --tags car The car insurance renews on the 3rd of March", 120_000);
            assertEquals("ok", e.status(), () -> e.content() + first.log());
        }
        try (KernelProcess second = KernelProcess.start(home, Map.of())) {
            Exchange e = second.client().execute("memory.recall(\"when does the car insurance renew?\").get(0).text()", 120_000);
            assertEquals("ok", e.status(), () -> e.content() + second.log());
            assertTrue(e.resultText().contains("3rd of March"), e.resultText());
            Exchange forget = second.client().execute("%memory forget --source remember", 60_000);
            assertEquals("Forgot 1 chunks of remember", forget.resultText());
        }
    }
}
