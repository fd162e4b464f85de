package dev.hearth.kernel.actions;

import dev.hearth.kernel.deps.TestRepository;
import dev.hearth.kernel.testing.KernelClient;
import dev.hearth.kernel.testing.KernelClient.Exchange;
import dev.hearth.kernel.testing.KernelProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code %plugins install G:A:V} from a Maven repository (a file repository the test publishes,
 * as a third party would publish a plugin), then {@code %act} on its action without a restart;
 * {@code Plugin-Requires} is checked before anything is installed; {@code %plugins remove}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginInstallKernelTest {

    @TempDir
    static Path dir;
    private KernelProcess kernel;
    private KernelClient client;
    private Path userPlugins;

    @BeforeAll
    void start() throws Exception {
        TestRepository repo = new TestRepository(dir.resolve("remote"));
        List<Path> apiAndPf4j = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        for (String[] plugin : List.of(new String[] {"hello-plugin", "hello", ">=0.1.0"},
                new String[] {"future-plugin", "future", ">=99.0.0"})) {
            repo.artifact("com.example:" + plugin[0] + ":1.0")
                    .manifest("Plugin-Id", plugin[1]).manifest("Plugin-Version", "1.0.0").manifest("Plugin-Requires", plugin[2])
                    .source("example." + plugin[1] + ".Say", HostilePlugins.action("example." + plugin[1] + ".Say",
                            plugin[1] + ".say", "", "return ActionResult.text(\"hello from an installed plugin\");"))
                    .file("META-INF/extensions.idx", "example." + plugin[1] + ".Say\n")
                    .compileAgainst(apiAndPf4j)
                    .publish();
        }
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, "<settings><localRepository>" + dir.resolve("local") + "</localRepository></settings>");
        userPlugins = dir.resolve("plugins");
        kernel = KernelProcess.start(dir.resolve("home"), Map.of(
                "HEARTH_PLUGINS_BUNDLED", Files.createDirectories(dir.resolve("bundled")).toString(),
                "HEARTH_PLUGINS_DIR", userPlugins.toString(),
                "HEARTH_MAVEN_SETTINGS", settings.toString(),
                "HEARTH_MAVEN_CENTRAL", repo.url()));
        client = kernel.client();
    }

    @AfterAll
    void stop() {
        kernel.close();
    }

    @Test
    void installThenActThenRemove() {
        Exchange install = client.execute("%plugins install com.example:hello-plugin:1.0");
        assertEquals("ok", install.status(), install.content().toString());
        assertTrue(install.stream("stdout").startsWith("Installed hello 1.0.0"), install.stream("stdout"));
        assertTrue(Files.isRegularFile(userPlugins.resolve("hello-1.0.0.jar")));
        Exchange act = client.execute("%act hello.say");
        assertEquals("ok", act.status(), act.content().toString());
        assertTrue(act.resultText().contains("hello from an installed plugin"), act.resultText());

        Exchange again = client.execute("%plugins install com.example:hello-plugin:1.0");
        assertEquals("error", again.status());
        assertTrue(String.valueOf(again.content().get("evalue")).contains("plugin hello is already there"), again.content().toString());

        Exchange remove = client.execute("%plugins remove hello");
        assertEquals("ok", remove.status(), remove.content().toString());
        assertFalse(Files.exists(userPlugins.resolve("hello-1.0.0.jar")));
        assertEquals("error", client.execute("%act hello.say").status(), "the action is gone with its plugin");
    }

    @Test
    void aPluginForAnotherHearthIsRefusedBeforeItIsInstalled() throws Exception {
        Exchange install = client.execute("%plugins install com.example:future-plugin:1.0");
        assertEquals("error", install.status());
        String evalue = String.valueOf(install.content().get("evalue"));
        assertTrue(evalue.contains("plugin future (com.example:future-plugin:1.0) requires Hearth >=99.0.0"), evalue);
        assertTrue(!Files.exists(userPlugins) || Files.list(userPlugins).noneMatch(p -> p.toString().contains("future")));
    }

    @Test
    void anUnknownPluginNamesTheRepositories() {
        Exchange install = client.execute("%plugins install com.example:no-such-plugin:1.0");
        assertEquals("error", install.status());
        assertTrue(String.valueOf(install.content().get("evalue")).startsWith(
                "could not resolve com.example:no-such-plugin:1.0: not found"), install.content().toString());
    }
}
