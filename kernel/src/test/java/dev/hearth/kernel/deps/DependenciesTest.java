package dev.hearth.kernel.deps;

import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.cell.DiscardingCellContext;
import dev.hearth.kernel.eval.JShellEvaluator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resolution against a file repository the test publishes (no network): transitive dependencies
 * on a real JShell class path, repeats, version conflicts, exclusions, settings.xml, offline mode
 * and the failures a user meets.
 */
class DependenciesTest {

    @TempDir
    static Path dir;
    static TestRepository repo;
    static JShellEvaluator evaluator;

    @BeforeAll
    static void publish() {
        repo = new TestRepository(dir.resolve("remote"));
        repo.artifact("com.example:words:1.0").source("com.example.words.Words",
                "package com.example.words; public class Words { public static String hello() { return \"hello from words 1.0\"; } }").publish();
        repo.artifact("com.example:words:2.0").source("com.example.words.Words",
                "package com.example.words; public class Words { public static String hello() { return \"hello from words 2.0\"; } }").publish();
        repo.artifact("com.example:greeter:1.0").dependsOn("com.example:words:1.0").source("com.example.greeter.Greeter",
                "package com.example.greeter; public class Greeter { public String greet() { return com.example.words.Words.hello() + \"!\"; } }").publish();
        repo.artifact("com.example:other:1.0").dependsOn("com.example:words:2.0").source("com.example.other.Other",
                "package com.example.other; public class Other { }").publish();
        repo.artifact("com.example:broken:1.0").source("com.example.broken.Broken",
                "package com.example.broken; public class Broken { }").publish();
        repo.corrupt("com.example:broken:1.0");
        evaluator = JShellEvaluator.start(List.of());
    }

    @AfterAll
    static void close() {
        evaluator.close();
    }

    /** A session's dependencies with its own settings.xml (and local repository) and Maven Central at {@code central}. */
    private static Dependencies session(String name, String central, String settingsBody) throws IOException {
        Path settings = dir.resolve(name + "-settings.xml");
        Files.writeString(settings, "<settings><localRepository>" + dir.resolve(name + "-local")
                + "</localRepository>" + settingsBody + "</settings>");
        MavenResolver resolver = new MavenResolver(() -> MavenSettings.load(settings), central, Duration.ofSeconds(5));
        return new Dependencies(resolver, evaluator, new CellScope());
    }

    private static AddSummary maven(Dependencies deps, String... coordinates) {
        return deps.add(MavenRequest.of(List.of(coordinates), List.of(), List.of(), false), new DiscardingCellContext());
    }

    private static String eval(String code) {
        return evaluator.eval(code, new DiscardingCellContext()).display();
    }

    @Test
    void anArtifactAndItsDependencyReachTheNextCellThenRepeatsAndConflictsAreReported() throws IOException {
        Dependencies deps = session("main", repo.url(), "");

        AddSummary added = maven(deps, "com.example:greeter:1.0");
        assertEquals(List.of("com.example:greeter:1.0", "com.example:words:1.0"),
                added.added().stream().map(ResolvedArtifact::coordinates).toList());
        assertTrue(added.toString().contains("com.example:words:1.0  (dependency)"), added.toString());
        assertEquals("\"hello from words 1.0!\"", eval("new com.example.greeter.Greeter().greet()"));

        AddSummary again = maven(deps, "com.example:greeter:1.0");
        assertTrue(again.added().isEmpty(), "a repeated line adds nothing");
        assertTrue(again.toString().startsWith("Nothing new"), again.toString());

        AddSummary other = maven(deps, "com.example:other:1.0");
        assertEquals(List.of("com.example:other:1.0"), other.added().stream().map(ResolvedArtifact::coordinates).toList());
        String kept = other.toString();
        assertTrue(kept.contains("com.example:words stays at 1.0 (loaded); com.example:other:1.0 asked for 2.0"), kept);
        assertEquals("\"hello from words 1.0!\"", eval("new com.example.greeter.Greeter().greet()"));

        DependencyException conflict = assertThrows(DependencyException.class, () -> maven(deps, "com.example:words:2.0"));
        assertTrue(conflict.getMessage().contains("com.example:words 2.0 was asked for, but 1.0 is already loaded"),
                conflict.getMessage());
        assertEquals(List.of("com.example:greeter:1.0", "com.example:words:1.0", "com.example:other:1.0"), deps.loaded());
    }

    @Test
    void exclusionsLeaveADependencyOut() throws IOException {
        Dependencies deps = session("exclude", repo.url(), "");
        AddSummary added = deps.add(MavenRequest.of(List.of("com.example:greeter:1.0"), List.of("com.example:words"),
                List.of(), false), new DiscardingCellContext());
        assertEquals(List.of("com.example:greeter:1.0"), added.added().stream().map(ResolvedArtifact::coordinates).toList());
    }

    @Test
    void anUnknownArtifactNamesItsCoordinatesAndTheRepositoriesAndAddsNothing() throws IOException {
        Dependencies deps = session("unknown", repo.url(), "");
        DependencyException e = assertThrows(DependencyException.class,
                () -> maven(deps, "com.example:greeter:1.0", "com.example:nothing:9.9"));
        assertTrue(e.getMessage().startsWith("could not resolve com.example:nothing:9.9: not found"), e.getMessage());
        assertTrue(e.getMessage().contains("central (" + repo.url() + ")"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Nothing was added."), e.getMessage());
        assertTrue(deps.loaded().isEmpty(), "the greeter that did resolve was not added either");
    }

    @Test
    void aChecksumThatDoesNotMatchIsRefused() throws IOException {
        Dependencies deps = session("checksum", repo.url(), "");
        DependencyException e = assertThrows(DependencyException.class, () -> maven(deps, "com.example:broken:1.0"));
        assertTrue(e.getMessage().startsWith("could not resolve com.example:broken:1.0: checksum failure"), e.getMessage());
        assertTrue(deps.loaded().isEmpty());
    }

    @Test
    void badCoordinatesSayWhatIsExpected() {
        for (String bad : List.of("junit", "g:a", "g::1.0", "g:a:1.0:x:y:z", "g:a:1.0 ; rm")) {
            DependencyException e = assertThrows(DependencyException.class,
                    () -> MavenRequest.of(List.of(bad), List.of(), List.of(), false));
            assertTrue(e.getMessage().startsWith("bad coordinates '" + bad + "': expected GROUP:ARTIFACT:VERSION"), e.getMessage());
        }
        assertEquals("natives-linux", MavenRequest.artifact("org.x:lib:jar:natives-linux:1.0").getClassifier());
        DependencyException http = assertThrows(DependencyException.class,
                () -> MavenRequest.of(List.of("g:a:1.0"), List.of(), List.of("http://10.0.0.7/maven2/"), false));
        assertTrue(http.getMessage().startsWith("refused repository 'http://10.0.0.7/maven2/': plain http"), http.getMessage());
        assertEquals(List.of("http://127.0.0.1:8081/maven2/"), MavenRequest.of(List.of("g:a:1.0"), List.of(),
                List.of("http://127.0.0.1:8081/maven2/"), false).repositories(), "plain http on loopback is allowed");
    }

    @Test
    void noNetworkIsSaidPlainly() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Dependencies deps = session("nonet", "http://127.0.0.1:" + closedPort + "/maven2/", "");
        DependencyException e = assertThrows(DependencyException.class, () -> maven(deps, "com.example:greeter:1.0"));
        assertTrue(e.getMessage().contains("no network"), e.getMessage());
        assertTrue(e.getMessage().contains("http://127.0.0.1:" + closedPort + "/maven2/"), e.getMessage());
    }

    @Test
    void settingsMirrorsAndOfflineModeAreHonoured() throws IOException {
        String unreachable = "http://127.0.0.1:9/unused/";
        Dependencies mirrored = session("mirror", unreachable,
                "<mirrors><mirror><id>house</id><mirrorOf>*</mirrorOf><url>" + repo.url() + "</url></mirror></mirrors>");
        assertEquals(2, maven(mirrored, "com.example:greeter:1.0").added().size(), "central was replaced by the mirror");
        assertTrue(Files.isRegularFile(dir.resolve("mirror-local/com/example/greeter/1.0/greeter-1.0.jar")),
                "settings.xml's localRepository holds the download");

        // offline from settings.xml: the same local repository serves it, nothing else is tried
        Path settings = dir.resolve("offline-settings.xml");
        Files.writeString(settings, "<settings><localRepository>" + dir.resolve("mirror-local")
                + "</localRepository><offline>true</offline></settings>");
        Dependencies offline = new Dependencies(new MavenResolver(() -> MavenSettings.load(settings), unreachable,
                Duration.ofSeconds(5)), evaluator, new CellScope());
        assertEquals(2, maven(offline, "com.example:greeter:1.0").added().size());
        DependencyException e = assertThrows(DependencyException.class, () -> maven(offline, "com.example:other:1.0"));
        assertTrue(e.getMessage().contains("offline"), e.getMessage());
    }

    @Test
    void offlineFlagForcesTheLocalRepository() throws IOException {
        Dependencies deps = session("forced", repo.url(), "");
        DependencyException e = assertThrows(DependencyException.class, () -> deps.add(
                MavenRequest.of(List.of("com.example:words:1.0"), List.of(), List.of(), true), new DiscardingCellContext()));
        assertTrue(e.getMessage().contains("not in the local repository (offline mode"), e.getMessage());
        assertFalse(e.getMessage().contains("central ("), "offline tries no remote repository: " + e.getMessage());
    }

    @Test
    void aPomSnippetWithRepositoriesAndPropertiesResolvesLikeMaven() throws IOException {
        Dependencies deps = session("pom", "http://127.0.0.1:9/unused/", "");
        MavenRequest request = PomSnippet.parse("""
                <properties><words.version>2.0</words.version></properties>
                <repositories><repository><id>mine</id><url>%s</url></repository></repositories>
                <dependencies>
                  <dependency><groupId>com.example</groupId><artifactId>words</artifactId><version>${words.version}</version></dependency>
                </dependencies>""".formatted(repo.url()), false);
        assertEquals(List.of(repo.url()), request.repositories());
        assertEquals(List.of("com.example:words:2.0"),
                deps.add(request, new DiscardingCellContext()).added().stream().map(ResolvedArtifact::coordinates).toList());
        DependencyException e = assertThrows(DependencyException.class, () -> PomSnippet.parse("<dependencies><dependency>", false));
        assertTrue(e.getMessage().startsWith("%%pom: not a valid <dependencies> block"), e.getMessage());
    }

    @Test
    void downloadsShowProgressThenTheTotalAndAnInterruptedCellAddsNothing() throws IOException {
        Dependencies deps = session("progress", repo.url(), "");
        List<String> shown = new java.util.ArrayList<>();
        dev.hearth.kernel.cell.CancellableCellContext cell = new dev.hearth.kernel.cell.CancellableCellContext() {
            @Override
            public void stream(dev.hearth.kernel.cell.StreamName stream, String text) {
            }

            @Override
            public dev.hearth.kernel.cell.DisplayHandle display(dev.hearth.api.MimeBundle bundle) {
                shown.add(bundle.plainText());
                return new dev.hearth.kernel.cell.DisplayHandle("progress");
            }

            @Override
            public void update(dev.hearth.kernel.cell.DisplayHandle handle, dev.hearth.api.MimeBundle bundle) {
                shown.add(bundle.plainText());
            }

            @Override
            public void clearOutput(boolean wait) {
            }

            @Override
            public String input(String prompt, boolean password) {
                throw new dev.hearth.kernel.cell.StdinNotAllowedException();
            }
        };
        deps.add(MavenRequest.of(List.of("com.example:greeter:1.0"), List.of(), List.of(), false), cell);
        assertTrue(shown.stream().anyMatch(t -> t.startsWith("Downloaded com/example/greeter/1.0/greeter-1.0.jar")), shown.toString());
        assertTrue(shown.get(shown.size() - 1).matches("Downloaded 4 files, \\d+ (B|KB)"), shown.toString());

        shown.clear();
        assertEquals(List.of(), maven(deps, "com.example:greeter:1.0").added(), "a repeat downloads nothing");
        assertTrue(shown.isEmpty(), "no progress line when nothing downloads: " + shown);

        cell.cancel();
        assertThrows(dev.hearth.kernel.cell.CellInterruptedException.class, () -> deps.add(
                MavenRequest.of(List.of("com.example:other:1.0"), List.of(), List.of(), false), cell));
        assertEquals(List.of("com.example:greeter:1.0", "com.example:words:1.0"), deps.loaded());
    }
}
