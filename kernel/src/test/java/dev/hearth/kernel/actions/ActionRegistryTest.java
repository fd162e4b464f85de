package dev.hearth.kernel.actions;

import dev.hearth.api.ActionCancelledException;
import dev.hearth.api.ActionException;
import dev.hearth.api.InvalidInputException;
import dev.hearth.api.Origin;
import dev.hearth.api.testing.LoopbackServer;
import dev.hearth.kernel.config.HearthConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry running real bundled plugins: origins and the network policy, settings, cancellation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActionRegistryTest {

    @TempDir
    static Path dir;
    private LoopbackServer server;
    private HearthConfig config;
    private ActionRegistry registry;

    @BeforeAll
    void load() {
        Path bundled = dir.resolve("bundled");
        PluginJars.install("web", bundled);
        PluginJars.install("files", bundled);
        server = LoopbackServer.start();
        server.page("/page", "text/html", "<title>Intranet</title><p>internal</p>");
        config = HearthConfig.load(Map.of("HEARTH_HOME", dir.resolve("home").toString(),
                "HEARTH_PLUGINS_BUNDLED", bundled.toString()), dir);
        registry = ActionRegistry.create(config, "0.1.0");
    }

    @AfterAll
    void close() {
        registry.close();
        server.close();
    }

    @Test
    void aModelsFetchOfLocalAddressesIsRefusedAndNeverArrives() {
        int port = server.port();
        for (String url : List.of("http://127.0.0.1:" + port + "/page", "http://[::1]:" + port + "/page",
                "http://localhost:" + port + "/page", "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd")) {
            ActionException e = assertThrows(ActionException.class,
                    () -> registry.run("web.fetch", Map.of("url", url), null, Origin.MODEL), url);
            assertTrue(e.getMessage().contains("refused") || e.getMessage().contains("full http(s) URL"), e.getMessage());
        }
        assertEquals(List.of(), server.requests());
        assertTrue(registry.run("web.fetch", Map.of("url", "http://127.0.0.1:" + port + "/page"), null, Origin.USER)
                .text().startsWith("# Intranet"), "the user's own call may reach local services");
    }

    @Test
    void aHostTheUserTrustsIsReachableByModels() {
        config.set("web.model.trusted", "127.0.0.1:" + server.port());
        try {
            assertTrue(registry.run("web.fetch", Map.of("url", server.uri("/page").toString()), null, Origin.MODEL)
                    .text().startsWith("# Intranet"));
        } finally {
            config.unset("web.model.trusted");
        }
    }

    @Test
    void settingsComeFromTheActionsSectionOfTheConfig() {
        ActionException unset = assertThrows(ActionException.class,
                () -> registry.run("files.list", Map.of(), null, Origin.USER));
        assertTrue(unset.getMessage().startsWith("files.root is not set"), unset.getMessage());
        config.set("files.root", dir.toString());
        try {
            assertTrue(registry.run("files.list", Map.of(), null, Origin.USER).text().contains("bundled  dir"));
        } finally {
            config.unset("files.root");
        }
    }

    @Test
    void inputIsValidatedAndAnInterruptedCellRunsNothing() {
        InvalidInputException bad = assertThrows(InvalidInputException.class,
                () -> registry.run("web.fetch", Map.of("url", "x", "max_chars", "lots"), null, Origin.USER));
        assertEquals("max_chars", bad.parameter());
        RecordingCell cell = new RecordingCell();
        cell.cancel.cancel();
        assertThrows(ActionCancelledException.class,
                () -> registry.run("web.fetch", Map.of("url", server.uri("/page").toString()), cell, Origin.USER));
    }
}
