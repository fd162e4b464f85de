package dev.hearth.kernel.deps;

import dev.hearth.kernel.testing.KernelClient;
import dev.hearth.kernel.testing.KernelClient.Exchange;
import dev.hearth.kernel.testing.KernelProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
 * A cell loads a real Jackson of another version than the kernel's (2.11.0, from the local Maven
 * repository, offline) and uses it, while the kernel's own JSON (the wire, {@code json(...)}) keeps
 * working on the kernel's Jackson.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CellIsolationKernelTest {

    private static final Path M2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
    @TempDir
    static Path dir;
    private KernelProcess kernel;
    private KernelClient client;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(M2.resolve(
                        "com/fasterxml/jackson/core/jackson-databind/2.11.0/jackson-databind-2.11.0.jar")),
                "Jackson 2.11.0 is not in the local Maven repository");
        kernel = KernelProcess.start(dir.resolve("home"), Map.of());
        client = kernel.client();
    }

    @AfterAll
    void stop() {
        if (kernel != null) {
            kernel.close();
        }
    }

    @Test
    void aCellUsesAnotherJacksonThanTheKernelsAndBothWork() {
        CellFailureText missing = new CellFailureText(client.execute("new com.fasterxml.jackson.databind.ObjectMapper()"));
        assertTrue(missing.text().contains("package com.fasterxml.jackson.databind does not exist"),
                "the kernel's Jackson is not visible to cells: " + missing.text());

        Exchange added = client.execute("%maven --offline com.fasterxml.jackson.core:jackson-databind:2.11.0");
        assertEquals("ok", added.status(), added.content().toString());
        assertTrue(added.resultText().contains("com.fasterxml.jackson.core:jackson-core:2.11.0  (dependency)"), added.resultText());

        assertEquals("\"2.11.0\"", client.execute("com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString()").resultText());
        Exchange cellJson = client.execute("""
                var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
                mapper.writeValueAsString(mapper.readTree("{\\\"x\\\": [1, 2]}"))""");
        assertEquals("ok", cellJson.status(), cellJson.content().toString());
        assertEquals("\"{\\\"x\\\":[1,2]}\"", cellJson.resultText());

        Exchange kernelJackson = client.execute("dev.hearth.kernel.json.Json.class.getName()");
        assertEquals("ok", kernelJackson.status());
        Exchange display = client.execute("json(Map.of(\"shown\", true))");
        assertEquals("ok", display.status(), "Hearth's own JSON output still works: " + display.content());
        assertTrue(display.resultText().contains("shown"), display.resultText());
    }

    /** The error text of a failed cell. */
    private record CellFailureText(Exchange exchange) {
        String text() {
            return exchange.status() + ": " + exchange.content().get("evalue");
        }
    }
}
