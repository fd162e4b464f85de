package dev.hearth.kernel.eval;

import dev.hearth.kernel.cell.DiscardingCellContext;
import dev.hearth.kernel.json.Json;
import dev.hearth.kernel.testing.TestJars;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cells see the JDK and Hearth's types, never the kernel's libraries: a cell that loads its own
 * class of a package the kernel also carries (here a jar with its own Jackson {@code ObjectMapper})
 * compiles and runs against its own, while the kernel's JSON keeps working.
 */
class CellIsolationTest {

    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = JShellEvaluator.start(List.of());
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static String eval(String code) {
        return evaluator.eval(code, new DiscardingCellContext()).display();
    }

    @Test
    void theKernelsLibrariesAreNotVisibleButHearthsTypesAre(@TempDir Path dir) throws Exception {
        CellFailure compile = assertThrows(CellFailure.class, () -> eval("org.apache.lucene.index.IndexWriter w = null;"));
        assertTrue(compile.getMessage().contains("package org.apache.lucene.index does not exist"), compile.getMessage());
        assertEquals("\"not visible\"", eval("""
                String probe;
                try { Class.forName("com.fasterxml.jackson.core.JsonFactory"); probe = "visible"; }
                catch (ClassNotFoundException e) { probe = "not visible"; }
                probe"""));
        assertEquals("\"hi\"", eval("MimeBundle.text(\"hi\").plainText()"), "dev.hearth.api is shared");
        assertEquals("\"*hi*\"", eval("dev.hearth.kernel.runtime.Cells.markdown(\"*hi*\").plainText()"),
                "Hearth's own types are shared");
    }

    @Test
    void aCellsOwnVersionOfAKernelLibraryWinsAndTheKernelKeepsItsOwn(@TempDir Path dir) throws Exception {
        Path jar = TestJars.build(dir.resolve("my-jackson.jar"), Map.of("com.fasterxml.jackson.databind.ObjectMapper", """
                package com.fasterxml.jackson.databind;
                public class ObjectMapper { public String hello() { return "the cell's own ObjectMapper"; } }
                """), List.of(), Map.of(), Map.of());
        evaluator.addToClasspath(jar.toString());

        assertEquals("\"the cell's own ObjectMapper\"", eval("new com.fasterxml.jackson.databind.ObjectMapper().hello()"));
        assertEquals("\"the cell's own ObjectMapper\"", eval("""
                ((com.fasterxml.jackson.databind.ObjectMapper) Thread.currentThread().getContextClassLoader()
                        .loadClass("com.fasterxml.jackson.databind.ObjectMapper").getConstructor().newInstance()).hello()"""),
                "libraries that load through the context class loader find the cell's jars");
        assertEquals("{\"a\":1}", Json.mapper().writeValueAsString(Map.of("a", 1)), "the kernel's Jackson is untouched");
        assertEquals("2", eval("dev.hearth.kernel.ai.Ai.parse(\"{\\\"b\\\":2}\", Map.class).get(\"b\")"),
                "Hearth's code called from a cell still runs on the kernel's Jackson");
    }
}
