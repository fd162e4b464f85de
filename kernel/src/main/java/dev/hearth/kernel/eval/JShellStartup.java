package dev.hearth.kernel.eval;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Builds a session's JShell: the in-process engine, the class path, the default imports, a warm compiler. */
final class JShellStartup {

    private static final System.Logger LOG = System.getLogger(JShellStartup.class.getName());

    private JShellStartup() {
    }

    /** A new JShell with {@link JShellEvaluator#DEFAULT_IMPORTS} and {@code startupSnippets}, warmed up. */
    static JShell create(HearthExecutionControl control, List<String> startupSnippets) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        // the compiler sees Hearth's types only, the engine loads nothing else from the kernel (CellClassPath)
        JShell jshell = CellClassPath.build(JShell.builder()
                .executionEngine(new HearthExecutionControlProvider(control), Map.of())
                .in(InputStream.nullInputStream())
                .out(quiet)
                .err(quiet)
                .compilerOptions("-Xlint:-options"));
        StringBuilder startup = new StringBuilder();
        JShellEvaluator.DEFAULT_IMPORTS.forEach(i -> startup.append("import ").append(i).append(";\n"));
        startupSnippets.forEach(s -> startup.append(s).append('\n'));
        evalAll(jshell, startup.toString());
        // Compile and run one expression so the compiler and engine are warm. Completion is not
        // warmed: it fills JShell's pooled compiler contexts with every class it looks at, and each
        // later compile walks them all (~1.5 ms a cell), to save ~160 ms on the first Tab.
        jshell.eval("String.valueOf(1 + 1)").forEach(event -> jshell.drop(event.snippet()));
        return jshell;
    }

    /** Evaluates every snippet of {@code source}, logging (not failing on) the rejected ones. */
    static void evalAll(JShell jshell, String source) {
        for (CellSplitter.Piece piece : new CellSplitter(jshell.sourceCodeAnalysis()).split(source)) {
            for (SnippetEvent event : jshell.eval(piece.source())) {
                if (event.status() == Snippet.Status.REJECTED) {
                    LOG.log(System.Logger.Level.WARNING, "start-up snippet rejected: " + piece.source());
                }
            }
        }
    }
}
