package dev.hearth.kernel.actions;

import dev.hearth.api.Origin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading real plugin jars, good and broken, and the host reporting on each. */
class PluginHostTest {

    @TempDir
    Path dir;

    static final String GREET_ACTION = """
            package broken;
            import dev.hearth.api.*;
            @org.pf4j.Extension
            public class GreetAction implements Action {
                public ActionSpec spec() {
                    return ActionSpec.builder("greet.hello").description("Says hello to someone by name.")
                        .required("name", ParamType.STRING, "who to greet").build();
                }
                public ActionResult invoke(ActionInput in, ActionContext ctx) {
                    return ActionResult.text("Hello, " + in.require("name") + "!");
                }
            }
            """;

    private PluginReport report(PluginHost host, String id) {
        return host.reports().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no report for " + id + " in " + host.reports()));
    }

    @Test
    void everyBrokenPluginIsReportedAndTheOthersWork() throws Exception {
        Path user = dir.resolve("user");
        Path bundled = dir.resolve("bundled");
        PluginJars.install("files", bundled);
        PluginJars.builder("starts-badly")
                .manifest("Plugin-Class", "broken.BadStart")
                .source("broken.BadStart", """
                        package broken;
                        public class BadStart extends org.pf4j.Plugin {
                            @Override public void start() { throw new IllegalStateException("no database here"); }
                        }
                        """)
                .source("broken.GreetAction", GREET_ACTION).extensions("broken.GreetAction")
                .writeTo(user, "starts-badly.jar");
        PluginJars.builder("lonely").manifest("Plugin-Dependencies", "nowhere@>=1.0")
                .source("broken.GreetAction", GREET_ACTION).extensions("broken.GreetAction")
                .writeTo(user, "lonely.jar");
        PluginJars.builder("too-new").manifest("Plugin-Requires", ">=99.0.0")
                .source("broken.GreetAction", GREET_ACTION).extensions("broken.GreetAction")
                .writeTo(user, "too-new.jar");
        Files.write(user.resolve("corrupt.jar"), new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7});
        PluginJars.builder("unlinked")
                .source("broken.Missing", "package broken; public class Missing { public static String hi() { return \"hi\"; } }")
                .source("broken.LinkAction", """
                        package broken;
                        import dev.hearth.api.*;
                        @org.pf4j.Extension
                        public class LinkAction implements Action {
                            private static final String GREETING = Missing.hi();
                            public ActionSpec spec() {
                                return ActionSpec.builder("link.me").description("Fails to link at load time.").build();
                            }
                            public ActionResult invoke(ActionInput in, ActionContext ctx) { return ActionResult.text(GREETING); }
                        }
                        """)
                .source("broken.GreetAction", GREET_ACTION)
                .leaveOut("broken.Missing").extensions("broken.LinkAction", "broken.GreetAction")
                .writeTo(user, "unlinked.jar");
        PluginJars.builder("no-index").source("broken.GreetAction", GREET_ACTION).writeTo(user, "no-index.jar");

        try (PluginHost host = PluginHost.load(user, bundled, "0.1.0")) {
            PluginReport start = report(host, "starts-badly");
            assertEquals("FAILED", start.state());
            assertEquals("failed to start: IllegalStateException: no database here", start.reason());
            assertEquals(List.of(), start.actions());

            PluginReport lonely = report(host, "lonely");
            assertEquals("NOT LOADED", lonely.state());
            assertEquals("needs plugin 'nowhere', which is not installed", lonely.reason());

            PluginReport tooNew = report(host, "too-new");
            assertEquals("DISABLED", tooNew.state());
            assertEquals("requires Hearth >=99.0.0, but this is Hearth 0.1.0", tooNew.reason());

            PluginReport corrupt = report(host, "corrupt.jar");
            assertEquals("NOT LOADED", corrupt.state());
            assertTrue(corrupt.reason().startsWith("corrupt or unreadable jar"), corrupt.reason());

            PluginReport unlinked = report(host, "unlinked");
            assertEquals("STARTED", unlinked.state());
            assertEquals(List.of("greet.hello"), unlinked.actions(), "the class that links still works");
            assertTrue(unlinked.reason().startsWith("broken.LinkAction failed to load: NoClassDefFoundError: broken/Missing"),
                    unlinked.reason());

            PluginReport noIndex = report(host, "no-index");
            assertTrue(noIndex.reason().startsWith("no actions found: its META-INF/extensions.idx is missing"), noIndex.reason());

            PluginReport files = report(host, "files");
            assertTrue(files.healthy(), files.toString());
            assertTrue(files.bundled());
            assertEquals(List.of("files.list", "files.read", "files.search", "files.write"), files.actions());
            assertEquals(List.of("files.list", "files.read", "files.search", "files.write", "greet.hello"),
                    host.actions().keySet().stream().sorted().toList());
        }
    }

    @Test
    void aBundledPluginKeepsItsIdAgainstAUsersPlugin() throws Exception {
        Path user = dir.resolve("user");
        Path bundled = dir.resolve("bundled");
        PluginJars.install("files", bundled);
        PluginJars.builder("files").source("broken.GreetAction", GREET_ACTION).extensions("broken.GreetAction")
                .writeTo(user, "my-files.jar");
        try (PluginHost host = PluginHost.load(user, bundled, "0.1.0")) {
            PluginReport mine = host.reports().stream().filter(r -> !r.bundled()).findFirst().orElseThrow();
            assertEquals("NOT LOADED", mine.state());
            assertTrue(mine.reason().startsWith("duplicate plugin id: the bundled hearth-plugin-files"), mine.reason());
            assertEquals(List.of("files.list", "files.read", "files.search", "files.write"),
                    host.reports().stream().filter(PluginReport::bundled).findFirst().orElseThrow().actions());
        }
    }

    @Test
    void aUsersPluginCannotReplaceABundledAction() throws Exception {
        Path user = dir.resolve("user");
        Path bundled = dir.resolve("bundled");
        PluginJars.install("files", bundled);
        HostilePlugins.shadowsFilesWrite(user);
        try (PluginHost host = PluginHost.load(user, bundled, "0.1.0")) {
            assertEquals("files", host.actions().get("files.write").pluginId());
            assertTrue(host.actions().get("files.write").spec().sideEffects());
            PluginReport shadow = report(host, "shadow");
            assertEquals(List.of("shadow.hello"), shadow.actions(), "its other actions work");
            assertEquals("action files.write refused: plugin files already provides it", shadow.reason());
            assertTrue(report(host, "files").healthy());
        }
    }

    @Test
    void aPluginThatNeverStartsIsReportedAndTheOthersWork() throws Exception {
        Path user = dir.resolve("user");
        Path bundled = dir.resolve("bundled");
        PluginJars.install("files", bundled);
        HostilePlugins.neverStarts(user);
        PluginJars.builder("greet").source("broken.GreetAction", GREET_ACTION).extensions("broken.GreetAction")
                .writeTo(user, "greet.jar");
        long start = System.nanoTime();
        try (PluginHost host = PluginHost.load(user, bundled, "0.1.0", Duration.ofMillis(1500))) {
            assertTrue(System.nanoTime() - start < 10_000_000_000L, "loading waited for the stuck plugin");
            PluginReport sleeper = report(host, "sleeper");
            assertEquals("FAILED", sleeper.state());
            assertTrue(sleeper.reason().startsWith("did not finish starting within 1500 ms"), sleeper.reason());
            assertEquals(List.of(), sleeper.actions());
            assertEquals(null, host.actions().get("sleepy.hello"));
            assertTrue(report(host, "greet").healthy());
            assertTrue(report(host, "files").healthy());
        }
    }

    @Test
    void pluginsThatCouldEndTheKernelAreRefusedNamingTheClass() throws Exception {
        Path user = dir.resolve("user");
        HostilePlugins.exitsInStart(user);
        HostilePlugins.haltsInAnAction(user);
        try (PluginHost host = PluginHost.load(user, null, "0.1.0")) {
            PluginReport quitter = report(host, "quitter");
            assertEquals("NOT LOADED", quitter.state());
            assertTrue(quitter.reason().startsWith("refused: class hostile.Quitter calls System.exit, which would end the kernel"),
                    quitter.reason());
            PluginReport halter = report(host, "halter");
            assertEquals("NOT LOADED", halter.state());
            assertTrue(halter.reason().startsWith("refused: class hostile.HaltAction calls Runtime.halt"), halter.reason());
            assertEquals(Map.of(), host.actions());
        }
    }

    @Test
    void theBundledPluginsPassTheExitScan() throws Exception {
        for (String module : List.of("files", "web", "calendar", "template")) {
            assertEquals(java.util.Optional.empty(), ExitCalls.find(PluginJars.built(module)), module);
        }
    }

    @Test
    void aConstructorThatThrowsShowsTheRealCause() throws Exception {
        Path user = dir.resolve("user");
        HostilePlugins.constructorThrows(user);
        try (PluginHost host = PluginHost.load(user, null, "0.1.0")) {
            PluginReport fragile = report(host, "fragile");
            assertEquals("FAILED", fragile.state());
            assertEquals("failed to start: its plugin class hostile.Fragile could not be created: "
                    + "IllegalStateException: no config file for fragile", fragile.reason());
        }
    }

    @Test
    void thePluginAnActionCameFromRunsIt() throws Exception {
        Path user = dir.resolve("user");
        PluginJars.builder("greet").source("broken.GreetAction", GREET_ACTION).extensions("broken.GreetAction")
                .writeTo(user, "greet.jar");
        dev.hearth.kernel.config.HearthConfig config = dev.hearth.kernel.config.HearthConfig.load(
                Map.of("HEARTH_HOME", dir.resolve("home").toString(), "HEARTH_PLUGINS_DIR", user.toString()), dir);
        try (ActionRegistry registry = ActionRegistry.create(config, "0.1.0")) {
            assertEquals("Hello, Ada!", registry.run("greet.hello", Map.of("name", "Ada"), null, Origin.USER).text());
        }
    }
}
