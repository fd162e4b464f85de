package dev.hearth.kernel.actions;

import dev.hearth.kernel.testing.KernelClient;
import dev.hearth.kernel.testing.KernelProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real kernel with a plugin whose start() never returns: a cell waiting for the plugins can be interrupted. */
class PluginLoadInterruptKernelTest {

    @TempDir
    Path dir;

    @Test
    void aCellWaitingForAStuckPluginIsInterruptedAndTheKernelGoesOn() throws Exception {
        Path userPlugins = dir.resolve("my-plugins");
        HostilePlugins.neverStarts(userPlugins);
        try (KernelProcess kernel = KernelProcess.start(dir.resolve("home"), Map.of(
                "HEARTH_PLUGINS_DIR", userPlugins.toString(),
                "HEARTH_PLUGINS_BUNDLED", dir.resolve("no-bundled").toString(),
                "HEARTH_PLUGINS_START_TIMEOUT", "120"))) {
            KernelClient client = kernel.client();
            String id = client.submit("%plugins", Map.of());
            Thread.sleep(1500);
            long start = System.nanoTime();
            client.interrupt();
            KernelClient.Exchange waited = client.await(id, 10_000);
            assertEquals("error", waited.status(), waited.content().toString());
            assertTrue(System.nanoTime() - start < 3_000_000_000L, "the interrupt reached the waiting cell");
            assertEquals("2", client.execute("1 + 1").resultText(), "the kernel goes on");
        }
    }
}
