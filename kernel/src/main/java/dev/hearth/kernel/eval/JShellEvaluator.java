package dev.hearth.kernel.eval;

import dev.hearth.api.MimeBundle;
import dev.hearth.api.BackgroundThreads;
import dev.hearth.kernel.cell.CellContext;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Java cells on JShell with the in-process execution engine. JShell starts in the background as
 * soon as the evaluator is built ({@link JShellStartup}), so the first cell does not pay its
 * warm-up; failures become readable through {@link SnippetFailures}, editor requests are answered
 * by {@link JShellAnalysis}.
 */
public final class JShellEvaluator implements Evaluator {

    /** Imports every session starts with. */
    public static final List<String> DEFAULT_IMPORTS = List.of(
            "java.util.*", "java.util.function.*", "java.util.stream.*", "java.io.*", "java.math.*",
            "java.net.*", "java.nio.file.*", "java.time.*", "dev.hearth.api.*");

    private final HearthExecutionControl control = new HearthExecutionControl();
    private volatile CompletableFuture<JShell> shell;
    private final List<String> startupSnippets;
    private volatile boolean interrupted;
    private volatile boolean running;
    /** Complete once the start-up snippets ran ({@link #prepare}). */
    private final CompletableFuture<Void> prepared = new CompletableFuture<>();
    /** When a cell last started or finished ({@link System#nanoTime()}). */
    private volatile long lastActivity = System.nanoTime();
    /** How long no cell must have run before {@link #afterWarmUp} work starts. */
    private static final Duration QUIET = Duration.ofMillis(500);

    private JShellEvaluator(List<String> startupSnippets) {
        this.startupSnippets = List.copyOf(startupSnippets);
        this.shell = CompletableFuture.supplyAsync(() -> JShellStartup.create(control, this.startupSnippets), runnable -> {
            Thread thread = new Thread(runnable, "hearth-jshell-warmup");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * Starts an evaluator whose sessions run {@code startupSnippets} (e.g. static imports of the
     * runtime facade) after the default imports.
     */
    public static JShellEvaluator start(List<String> startupSnippets) {
        return new JShellEvaluator(startupSnippets);
    }

    /**
     * A variable the session starts with, holding a kernel object (the rooms' {@code ai},
     * {@code memory}, {@code actions}).
     *
     * @param name     the Java name cells use
     * @param javaType its declared type, as Java source
     * @param value    the object
     */
    public record Binding(String name, String javaType, Object value) {
    }

    /**
     * Declares {@code bindings}, then runs {@code snippets} (e.g. functions that forward to a bound
     * object), on the warm-up thread after JShell has started: the caller does not wait. Called
     * once by the composition root, before the first cell.
     */
    public void prepare(List<Binding> bindings, List<String> snippets) {
        shell = shell.thenApply(jshell -> {
            bindings.forEach(b -> bind(jshell, b.name(), b.javaType(), b.value()));
            snippets.forEach(snippet -> JShellStartup.evalAll(jshell, snippet));
            return jshell;
        });
        shell.whenComplete((jshell, failure) -> {
            lastActivity = System.nanoTime();
            prepared.complete(null);
        });
    }

    /**
     * Runs {@code task} on a thread of its own once the start-up snippets ran and then no cell has
     * run for {@link #QUIET} (a first cell sent at once, or "run all", goes first).
     */
    @Override
    public void afterWarmUp(Runnable task) {
        prepared.thenRunAsync(() -> {
            try {
                while (running || System.nanoTime() - lastActivity < QUIET.toNanos()) {
                    Thread.sleep(100);
                }
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, runnable -> BackgroundThreads.daemon("hearth-after-warm-up").newThread(runnable).start());
    }

    private JShell shell() {
        try {
            return shell.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CellFailure.interrupted();
        } catch (ExecutionException e) {
            throw new IllegalStateException("JShell failed to start: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public EvalResult eval(String code, CellContext ctx) {
        JShell jshell = shell();
        interrupted = false;
        running = true;
        lastActivity = System.nanoTime();
        try {
            List<CellSplitter.Piece> pieces = new CellSplitter(jshell.sourceCodeAnalysis()).split(code);
            Map<String, CellSplitter.Piece> piecesBySnippetId = new HashMap<>();
            EvalResult result = EvalResult.NONE;
            for (CellSplitter.Piece piece : pieces) {
                if (interrupted) {
                    throw CellFailure.interrupted();
                }
                Optional<StringConstantLimit.TooLong> tooLong = StringConstantLimit.check(piece.source());
                if (tooLong.isPresent()) {
                    throw SnippetFailures.tooLong(tooLong.get(), piece, code);
                }
                List<SnippetEvent> events = jshell.eval(piece.source());
                if (interrupted) {
                    throw CellFailure.interrupted();
                }
                result = EvalResult.NONE;
                for (SnippetEvent event : events) {
                    if (event.causeSnippet() != null) {
                        continue; // an update of a dependent snippet, not this piece
                    }
                    piecesBySnippetId.put(event.snippet().id(), piece);
                    if (event.status() == Snippet.Status.REJECTED || SnippetFailures.hasClassFileLimitError(jshell, event.snippet())) {
                        CellFailure failure = SnippetFailures.compileFailure(jshell, event.snippet(), piece, code);
                        if (jshell.status(event.snippet()).isActive()) {
                            jshell.drop(event.snippet());
                        }
                        throw failure;
                    }
                    try {
                        if (event.exception() != null) {
                            throw interrupted ? CellFailure.interrupted()
                                    : SnippetFailures.runtimeFailure(jshell, event.exception(), piecesBySnippetId, code);
                        }
                        result = valueOf(jshell, event);
                    } finally {
                        dropIfTemporary(jshell, event.snippet());
                    }
                }
            }
            return result;
        } finally {
            lastActivity = System.nanoTime();
            running = false;
        }
    }

    /**
     * Drops the {@code $N} variable JShell makes for an expression's value once the value is taken:
     * JShell imports every live snippet into each later compile, so keeping them made every cell
     * slower than the one before (the value stays in the cell's output).
     */
    private static void dropIfTemporary(JShell jshell, Snippet snippet) {
        if (snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND && jshell.status(snippet).isActive()) {
            jshell.drop(snippet);
        }
    }

    private EvalResult valueOf(JShell jshell, SnippetEvent event) {
        Snippet snippet = event.snippet();
        if (event.value() == null) {
            return EvalResult.NONE;
        }
        if (snippet instanceof VarSnippet var
                && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            String text = jshell.varValue(var);
            Object value = control.takeLastValue();
            // System.out.printf(...) and append(...) return the stream itself: not a result to show
            return value == System.out || value == System.err ? EvalResult.NONE : new EvalResult(value, text, true);
        }
        if (snippet instanceof ExpressionSnippet expression
                && snippet.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND) {
            Optional<VarSnippet> var = findVariable(jshell, expression.name());
            if (var.isPresent()) {
                String text = jshell.varValue(var.get());
                return new EvalResult(control.takeLastValue(), text, true);
            }
            return new EvalResult(null, event.value(), true);
        }
        return EvalResult.NONE;
    }

    /** How many snippets the session holds live (each is imported into every later compile). */
    int liveSnippetCount() {
        JShell jshell = shell();
        return (int) jshell.snippets().filter(s -> jshell.status(s).isActive()).count();
    }

    private JShell shellOrNull() {
        return shell.getNow(null);
    }

    private static Optional<VarSnippet> findVariable(JShell jshell, String name) {
        VarSnippet found = null;
        for (VarSnippet var : (Iterable<VarSnippet>) jshell.variables()::iterator) {
            if (var.name().equals(name) && jshell.status(var).isActive()) {
                found = var;
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public Optional<Object> valueOf(String name) {
        JShell jshell = shell();
        return findVariable(jshell, name).map(var -> {
            jshell.varValue(var);
            return control.takeLastValue();
        });
    }

    @Override
    public List<String> declarationsUsedBy(String code) {
        JShell jshell = shell();
        java.util.Set<String> words = new java.util.HashSet<>(List.of(code.split("[^A-Za-z0-9_$]+")));
        List<String> found = new ArrayList<>();
        jshell.snippets().filter(s -> jshell.status(s).isActive()).forEach(snippet -> {
            if (snippet instanceof VarSnippet var && words.contains(var.name()) && !var.name().startsWith("$")) {
                found.add(var.typeName() + " " + var.name() + ";");
            } else if (snippet instanceof jdk.jshell.DeclarationSnippet declaration && !(snippet instanceof VarSnippet)
                    && words.contains(declaration.name()) && !snippet.source().contains("$")) { // not the session's own functions
                found.add(snippet.source().strip());
            }
        });
        return found;
    }

    @Override
    public List<String> variableNames() {
        JShell jshell = shell();
        return jshell.variables().filter(v -> jshell.status(v).isActive())
                .map(VarSnippet::name).filter(n -> !n.startsWith("$")).distinct().toList();
    }

    @Override
    public void bind(String name, String javaType, Object value) {
        bind(shell(), name, javaType, value);
    }

    /**
     * Declares {@code name} (unless a variable of that name and type exists), then stores
     * {@code value} in it through the engine: no source ever names the object, so nothing has to
     * be parked where generated code could fetch it.
     */
    private void bind(JShell jshell, String name, String javaType, Object value) {
        if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
            throw CellFailure.of("BindError", "'" + name + "' is not a valid Java variable name");
        }
        Optional<VarSnippet> variable = findVariable(jshell, name).filter(v -> v.typeName().equals(javaType));
        if (variable.isEmpty()) {
            // Same name and type is reused without compiling (~1 ms instead of ~50 ms).
            for (SnippetEvent event : jshell.eval(javaType + " " + name + ";")) {
                if (event.causeSnippet() == null && event.status() == Snippet.Status.REJECTED) {
                    String reason = jshell.diagnostics(event.snippet()).map(d -> d.getMessage(Locale.ROOT))
                            .findFirst().orElse("rejected");
                    throw CellFailure.of("BindError", "cannot bind " + name + " as " + javaType + ": " + reason);
                }
            }
            variable = findVariable(jshell, name);
        }
        if (variable.isEmpty()) {
            throw CellFailure.of("BindError", "cannot bind " + name + " as " + javaType);
        }
        jshell.varValue(variable.get());
        control.takeLastValue();
        if (!control.setLastVariable(name, value)) {
            throw CellFailure.of("BindError", "cannot bind " + name + " as " + javaType + ": it cannot hold a "
                    + (value == null ? "null" : value.getClass().getName()));
        }
    }

    @Override
    public Completion complete(String code, int cursor) {
        return JShellAnalysis.complete(shell().sourceCodeAnalysis(), code, cursor);
    }

    @Override
    public Optional<String> inspect(String code, int cursor, int detailLevel) {
        return inspectRich(code, cursor, detailLevel).map(MimeBundle::plainText);
    }

    /** Signatures and Javadoc, readable: plain text and HTML (inline tags resolved, tags as lists). */
    @Override
    public Optional<MimeBundle> inspectRich(String code, int cursor, int detailLevel) {
        return JShellAnalysis.inspect(shell().sourceCodeAnalysis(), code, cursor);
    }

    @Override
    public Completeness isComplete(String code) {
        return JShellAnalysis.isComplete(shell().sourceCodeAnalysis(), code);
    }

    @Override
    public void interrupt() {
        interrupted = true;
        JShell jshell = shellOrNull();
        if (jshell != null && running) {
            jshell.stop();
        }
    }

    @Override
    public void addToClasspath(String path) {
        shell().addToClasspath(path);
    }

    @Override
    public Optional<Class<?>> resolveClass(String typeName) {
        JShell jshell = shell();
        if (!typeName.matches("[A-Za-z_$][A-Za-z0-9_$.]*")) {
            return Optional.empty();
        }
        for (SnippetEvent event : jshell.eval(typeName + ".class")) {
            try {
                if (event.causeSnippet() == null && event.status() == Snippet.Status.VALID
                        && event.snippet() instanceof VarSnippet var) {
                    jshell.varValue(var);
                    Object value = control.takeLastValue();
                    return value instanceof Class<?> cls ? Optional.of(cls) : Optional.empty();
                }
            } finally {
                jshell.drop(event.snippet());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        JShell jshell = shellOrNull();
        if (jshell != null) {
            jshell.close();
        }
    }


}
