package dev.hearth.kernel.actions;

import dev.hearth.api.ActionCancelledException;
import dev.hearth.api.ActionException;
import dev.hearth.api.Origin;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.config.HearthConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry against plugins that throw errors or hang: every failure is a readable error, nothing waits for ever. */
class HostileActionsTest {

    @TempDir
    Path dir;

    private final CellScope cells = new CellScope();

    private ActionRegistry registry(Path userPlugins, String startTimeout) {
        HearthConfig config = HearthConfig.load(Map.of("HEARTH_HOME", dir.resolve("home").toString(),
                "HEARTH_PLUGINS_DIR", userPlugins.toString(), "HEARTH_PLUGINS_BUNDLED", dir.resolve("none").toString(),
                "HEARTH_PLUGINS_START_TIMEOUT", startTimeout), dir);
        return ActionRegistry.create(config, "0.1.0", cells);
    }

    @Test
    void errorsThrownByAnActionBecomeErrorsNamingIt() {
        Path user = dir.resolve("user");
        HostilePlugins.throwsErrors(user);
        try (ActionRegistry registry = registry(user, "10")) {
            Map<String, String> expected = Map.of(
                    "boom.overflow", "boom.overflow failed: it recursed too deeply (StackOverflowError), a bug in plugin boom.",
                    "boom.oom", "boom.oom ran out of memory (OutOfMemoryError: ",
                    "boom.missing", "boom.missing failed: plugin boom is missing code it needs (NoClassDefFoundError: hostile/Gone). "
                            + "Reinstall or update the plugin, then run %plugins reload.",
                    "boom.service", "boom.service failed: plugin boom is missing code it needs (ServiceConfigurationError: "
                            + "dev.example.Codec: Provider dev.example.Gzip not found)");
            expected.forEach((action, start) -> {
                ActionException e = assertThrows(ActionException.class, () -> registry.run(action, Map.of(), null, Origin.USER));
                assertTrue(e.getMessage().startsWith(start), action + ": " + e.getMessage());
                assertInstanceOf(Error.class, e.getCause());
            });
            ActionException io = assertThrows(ActionException.class, () -> registry.run("boom.io", Map.of(), null, Origin.USER));
            assertEquals("boom.io failed unexpectedly (UncheckedIOException: java.io.IOException: disk gone), a bug in plugin "
                    + "boom or an input it does not handle. Check the input; if it looks right, report it to the plugin's "
                    + "author (the kernel log has the details).", io.getMessage());
            ActionException viaModel = assertThrows(ActionException.class,
                    () -> registry.runForModel("boom_overflow", Map.of(), null, java.util.Set.of()));
            assertTrue(viaModel.getMessage().startsWith("boom.overflow failed: it recursed too deeply"), viaModel.getMessage());
        }
    }

    @Test
    void aCellWaitingForAStuckPluginCanBeInterrupted() throws Exception {
        Path user = dir.resolve("user");
        HostilePlugins.neverStarts(user);
        try (ActionRegistry registry = registry(user, "60")) {
            RecordingCell cell = new RecordingCell();
            CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> {
                try (CellScope.Entered ignored = cells.enter(cell)) {
                    return registry.plugins();
                }
            });
            Thread.sleep(500);
            assertTrue(!waiting.isDone(), "still loading the stuck plugin");
            long start = System.nanoTime();
            cell.cancel.cancel();
            ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
            assertInstanceOf(ActionCancelledException.class, e.getCause());
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "the interrupt reached the waiting cell at once");
            assertEquals("loading the plugins: interrupted", e.getCause().getMessage());
        }
    }

    @Test
    void aStuckPluginMissesItsDeadlineAndTheRegistryWorks() {
        Path user = dir.resolve("user");
        HostilePlugins.neverStarts(user);
        PluginJars.builder("greet").source("broken.GreetAction", PluginHostTest.GREET_ACTION).extensions("broken.GreetAction")
                .writeTo(user, "greet.jar");
        try (ActionRegistry registry = registry(user, "1")) {
            assertEquals("Hello, Ada!", registry.run("greet.hello", Map.of("name", "Ada"), null, Origin.USER).text());
            PluginReport sleeper = registry.plugins().stream().filter(r -> r.id().equals("sleeper")).findFirst().orElseThrow();
            assertTrue(sleeper.reason().startsWith("did not finish starting within 1 s"), sleeper.reason());
        }
    }
}
