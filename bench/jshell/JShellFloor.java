import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;

import java.util.Arrays;
import java.util.List;

/**
 * What JShell alone costs for a trivial cell, with no Hearth code: {@code JShell.eval("1 + 1")} on
 * the in-process engine, with the imports every Hearth session starts with, in blocks of 200.
 * {@code keep} keeps each {@code $N} variable (JShell's default), {@code drop} drops it (what Hearth
 * does); run each in a JVM of its own so neither inherits the other's warm-up.
 *
 * <p>Usage: {@code java bench/jshell/JShellFloor.java [EVALS] [keep|drop]} (see docs/BENCHMARKS.md, Kernel).
 */
public final class JShellFloor {

    private static final List<String> IMPORTS = List.of("java.util.*", "java.util.function.*", "java.util.stream.*",
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.time.*");

    public static void main(String[] args) {
        int evals = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        boolean drop = args.length > 1 && args[1].equals("drop");
        {
            System.out.println(drop ? "dropping each $N (Hearth):" : "keeping each $N (JShell's default):");
            try (JShell jshell = JShell.builder().executionEngine("local").build()) {
                IMPORTS.forEach(i -> jshell.eval("import " + i + ";"));
                long[] nanos = new long[evals];
                for (int i = 0; i < evals; i++) {
                    long start = System.nanoTime();
                    List<SnippetEvent> events = jshell.eval("1 + 1");
                    nanos[i] = System.nanoTime() - start;
                    if (drop) {
                        events.forEach(e -> jshell.drop(e.snippet()));
                    }
                }
                for (int from = 0; from + 200 <= evals; from += 200) {
                    long[] block = Arrays.copyOfRange(nanos, from, from + 200);
                    Arrays.sort(block);
                    System.out.printf("  evals %4d-%4d: median %.2f ms%n", from + 1, from + 200, block[100] / 1e6);
                }
            }
        }
    }
}
