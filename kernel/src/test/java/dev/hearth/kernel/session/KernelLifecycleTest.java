package dev.hearth.kernel.session;

import dev.hearth.kernel.testing.KernelClient.Exchange;
import dev.hearth.kernel.testing.KernelProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start, shutdown and the kernel's exit when the process that started it dies. */
class KernelLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void shutdownIsAnsweredAndTheProcessExits() throws Exception {
        try (KernelProcess kernel = KernelProcess.start(dir)) {
            kernel.client().execute("int x = 1;");
            Exchange reply = kernel.client().controlRequest("shutdown_request", Map.of("restart", false), 5000);
            assertEquals(Map.of("status", "ok", "restart", false), reply.content());
            assertTrue(kernel.waitForExit(3000), "the kernel exits after shutdown_request");
            assertEquals(0, kernel.process().exitValue());
        }
    }

    @Test
    void restartShutdownSaysSo() throws Exception {
        try (KernelProcess kernel = KernelProcess.start(dir)) {
            Exchange reply = kernel.client().controlRequest("shutdown_request", Map.of("restart", true), 5000);
            assertEquals(true, reply.content().get("restart"));
            assertTrue(kernel.waitForExit(3000));
        }
    }

    @Test
    void shutdownWhileACellRunsStillExits() throws Exception {
        try (KernelProcess kernel = KernelProcess.start(dir)) {
            kernel.client().submit("while (true) { }", Map.of());
            Thread.sleep(300);
            kernel.client().controlRequest("shutdown_request", Map.of("restart", false), 5000);
            assertTrue(kernel.waitForExit(3000), "a busy cell does not keep the process alive");
        }
    }

    @Test
    void kernelExitsWhenItsParentDies() throws Exception {
        Process parent = new ProcessBuilder("sleep", "600").start();
        try (KernelProcess kernel = KernelProcess.start(dir.resolve("home"),
                Map.of("JPY_PARENT_PID", String.valueOf(parent.pid())))) {
            assertEquals("ok", kernel.client().execute("1").status());
            parent.destroyForcibly().waitFor();
            assertTrue(kernel.waitForExit(10_000), "no orphan JVM: the kernel exits when its parent is gone");
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void historySurvivesARestartOfTheKernel() throws Exception {
        Path home = dir.resolve("shared-home");
        try (KernelProcess first = KernelProcess.start(home, Map.of())) {
            first.client().execute("String fromFirstSession = \"yes\";");
        }
        try (KernelProcess second = KernelProcess.start(home, Map.of())) {
            Exchange search = second.client().request("history_request", Map.of("hist_access_type", "search",
                    "pattern", "*fromFirstSession*", "n", 10, "output", false, "raw", true), 10_000);
            java.util.List<?> rows = (java.util.List<?>) search.content().get("history");
            assertEquals(1, rows.size(), search.content().toString());
            assertEquals(1, ((java.util.List<?>) rows.get(0)).get(0), "recorded as session 1");
        }
    }
}
