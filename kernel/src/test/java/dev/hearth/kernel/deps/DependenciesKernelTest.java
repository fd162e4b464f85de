package dev.hearth.kernel.deps;

import dev.hearth.kernel.testing.KernelClient;
import dev.hearth.kernel.testing.KernelClient.Exchange;
import dev.hearth.kernel.testing.KernelProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code %maven}, {@code %%pom} and {@code deps.add} through the real kernel process, with its
 * settings.xml pointing at a file repository the test publishes (no network).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DependenciesKernelTest {

    @TempDir
    static Path dir;
    private KernelProcess kernel;
    private KernelClient client;
    private TestRepository repo;

    @BeforeAll
    void start() throws Exception {
        repo = new TestRepository(dir.resolve("remote"));
        repo.artifact("com.example:words:1.0").source("com.example.words.Words",
                "package com.example.words; public class Words { public static String hello() { return \"hello from words 1.0\"; } }").publish();
        repo.artifact("com.example:words:2.0").source("com.example.words.Words",
                "package com.example.words; public class Words { public static String hello() { return \"hello from words 2.0\"; } }").publish();
        repo.artifact("com.example:greeter:1.0").dependsOn("com.example:words:1.0").source("com.example.greeter.Greeter",
                "package com.example.greeter; public class Greeter { public String greet() { return com.example.words.Words.hello() + \"!\"; } }").publish();
        repo.artifact("com.example:pommed:1.0").source("com.example.pommed.Pommed",
                "package com.example.pommed; public class Pommed { public static String hello() { return \"from a pom cell\"; } }").publish();
        repo.artifact("com.example:other:1.0").dependsOn("com.example:words:2.0").source("com.example.other.Other",
                "package com.example.other; public class Other { public static int answer() { return 42; } }").publish();
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, "<settings><localRepository>" + dir.resolve("local") + "</localRepository></settings>");
        kernel = KernelProcess.start(dir.resolve("home"), Map.of(
                "HEARTH_MAVEN_SETTINGS", settings.toString(),
                "HEARTH_MAVEN_CENTRAL", repo.url()));
        client = kernel.client();
    }

    @AfterAll
    void stop() {
        kernel.close();
    }

    @Test
    void mavenThenTheClassInTheNextCellThenARepeatAndAConflict() {
        Exchange added = client.execute("%maven com.example:greeter:1.0");
        assertEquals("ok", added.status(), added.content().toString());
        assertTrue(added.resultText().contains("Added to the class path (2):\n  com.example:greeter:1.0\n"
                + "  com.example:words:1.0  (dependency)"), added.resultText());
        Exchange used = client.execute("new com.example.greeter.Greeter().greet()");
        assertEquals("\"hello from words 1.0!\"", used.resultText(), used.content().toString());
        assertTrue(client.execute("%maven com.example:greeter:1.0").resultText().startsWith("Nothing new"));

        Exchange twin = client.execute("deps.add(\"com.example:other:1.0\")");
        assertEquals("ok", twin.status(), twin.content().toString());
        assertTrue(twin.resultText().contains("Version conflict: com.example:words stays at 1.0 (loaded); "
                + "com.example:other:1.0 asked for 2.0"), twin.resultText());
        assertEquals("42", client.execute("com.example.other.Other.answer()").resultText());

        Exchange conflict = client.execute("%maven com.example:words:2.0");
        assertEquals("error", conflict.status());
        assertTrue(String.valueOf(conflict.content().get("evalue")).contains("2.0 was asked for, but 1.0 is already loaded"),
                conflict.content().toString());
    }

    @Test
    void anUnknownArtifactIsOneShortErrorAndTheKernelGoesOn() {
        Exchange missing = client.execute("%maven com.example:nothing:1.0");
        assertEquals("error", missing.status());
        String evalue = String.valueOf(missing.content().get("evalue"));
        assertTrue(evalue.startsWith("could not resolve com.example:nothing:1.0: not found"), evalue);
        assertTrue(evalue.contains(repo.url()), evalue);
        assertEquals("2", client.execute("1 + 1").resultText());
    }

    @Test
    void aPomCellAddsItsDependencies() {
        Exchange pom = client.execute("""
                %%pom
                <dependencies>
                  <dependency><groupId>com.example</groupId><artifactId>pommed</artifactId><version>${v}</version></dependency>
                </dependencies>
                <properties><v>1.0</v></properties>""");
        assertEquals("ok", pom.status(), pom.content().toString());
        assertEquals("\"from a pom cell\"", client.execute("com.example.pommed.Pommed.hello()").resultText());
    }
}
