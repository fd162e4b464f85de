package dev.hearth.kernel.eval;

import dev.hearth.api.MimeBundle;
import dev.hearth.api.BackgroundThreads;
import dev.hearth.kernel.cell.CellContext;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

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
    private final SessionVariables variables = new SessionVariables(control);
    private volatile CompletableFuture<JShell> shell;
    private final List<String> startupSnippets;
    private volatile boolean interrupted;
    private volatile boolean running;
    /** Complete once the start-up snippets ran ({@link #prepare}). */
    private final CompletableFuture<Void> prepared = new CompletableFuture<>();
    /**
     * Held while anything but a cell's own snippets uses JShell (a pending declaration, a binding, a
     * lookup, completion): JShell is not thread-safe. Never held while a cell runs, which
     * {@code running} marks instead: the cell's code runs on an engine thread and may call back.
     */
    private final ReentrantLock sessionLock = new ReentrantLock();
    /** The rooms' declarations not made yet; set once JShell started ({@link #prepare}). */
    private volatile PendingDeclarations pending = PendingDeclarations.none();
    /** When a cell last started or finished ({@link System#nanoTime()}). */
    private volatile long lastActivity = System.nanoTime();
    /** How long no request must have arrived before {@link #afterWarmUp} work starts. */
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
     * Declares {@code bindings} and {@code snippets} (e.g. functions that forward to a bound
     * object) in the session: each when a cell first names it, the rest on a background thread once
     * the session is quiet ({@link PendingDeclarations}). The caller does not wait. Called once by
     * the composition root, before the first cell.
     */
    public void prepare(List<Binding> bindings, List<String> snippets) {
        shell = shell.thenApply(jshell -> {
            PendingDeclarations declarations = PendingDeclarations.none();
            bindings.forEach(b -> declarations.variable(b.name(),
                    js -> variables.bind(js, b.name(), b.javaType(), b.value())));
            CellSplitter splitter = new CellSplitter(jshell.sourceCodeAnalysis());
            snippets.forEach(source -> splitter.split(source).forEach(piece ->
                    declarations.snippet(piece.source(), js -> JShellStartup.evalAll(js, piece.source()))));
            pending = declarations;
            return jshell;
        });
        shell.whenComplete((jshell, failure) -> {
            lastActivity = System.nanoTime();
            prepared.complete(null);
        });
        afterWarmUp(this::declarePendingInBackground);
    }

    /**
     * Makes the pending declarations one at a time, each between cells, never during one: a cell
     * sets {@code running} before it takes the lock, so it waits for at most the declaration under
     * way. (A cell does not hold the lock while it runs: its code runs on a thread of JShell's
     * engine and may call back, e.g. {@code deps.add} adds to the class path.)
     */
    private void declarePendingInBackground() {
        JShell jshell = shell();
        while (true) {
            if (!running && sessionLock.tryLock()) {
                try {
                    if (!running && !pending.declareNext(jshell)) {
                        return;
                    }
                } finally {
                    sessionLock.unlock();
                }
            } else {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Makes what a cell's {@code code} names of the pending declarations before it compiles. Always
     * takes the lock, even with nothing left pending: it also waits out a background declaration
     * still under way (the last one leaves the list before it is made).
     */
    private void declareNamedIn(JShell jshell, String code) {
        sessionLock.lock();
        try {
            pending.declareNamedIn(jshell, code);
        } finally {
            sessionLock.unlock();
        }
    }

    /** Runs {@code work} under the session lock after making every pending declaration. */
    private <T> T lockedWithAllDeclared(Function<JShell, T> work) {
        JShell jshell = shell();
        sessionLock.lock();
        try {
            if (!running) { // not from a running cell's code: JShell is inside that cell's eval
                pending.declareAll(jshell);
            }
            return work.apply(jshell);
        } finally {
            sessionLock.unlock();
        }
    }

    /**
     * Runs {@code task} on a thread of its own once the start-up snippets ran and then no request
     * has arrived and no cell has run for {@link #QUIET} (a first cell sent at once, or "run all",
     * goes first).
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

    /**
     * A request reached the kernel: background work ({@link #afterWarmUp}) waits until the session
     * has been quiet for a while, so requests right after start are answered without competing.
     */
    public void requestArrived() {
        lastActivity = System.nanoTime();
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
            declareNamedIn(jshell, code);
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
                        result = variables.valueOf(jshell, event);
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

    /** Whether every declaration of the rooms has been made (once JShell started). */
    boolean allDeclared() {
        shell();
        sessionLock.lock();
        try {
            return pending.isEmpty();
        } finally {
            sessionLock.unlock();
        }
    }

    /** How many snippets the session holds live (each is imported into every later compile). */
    int liveSnippetCount() {
        JShell jshell = shell();
        return (int) jshell.snippets().filter(s -> jshell.status(s).isActive()).count();
    }

    private JShell shellOrNull() {
        return shell.getNow(null);
    }

    @Override
    public Optional<Object> valueOf(String name) {
        return locked(name, jshell -> variables.read(jshell, name));
    }

    @Override
    public List<String> declarationsUsedBy(String code) {
        java.util.Set<String> words = new java.util.HashSet<>(List.of(code.split("[^A-Za-z0-9_$]+")));
        return locked(code, jshell -> {
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
        });
    }

    @Override
    public List<String> variableNames() {
        return lockedWithAllDeclared(jshell -> jshell.variables().filter(v -> jshell.status(v).isActive())
                .map(VarSnippet::name).filter(n -> !n.startsWith("$")).distinct().toList());
    }

    @Override
    public void bind(String name, String javaType, Object value) {
        locked(name, jshell -> {
            variables.bind(jshell, name, javaType, value);
            return null;
        });
    }

    /**
     * Runs {@code work} on the session under its lock (so never beside a background declaration),
     * after the pending declarations {@code code} names.
     */
    private <T> T locked(String code, Function<JShell, T> work) {
        JShell jshell = shell();
        sessionLock.lock();
        try {
            if (!running) { // not from a running cell's code: JShell is inside that cell's eval
                pending.declareNamedIn(jshell, code);
            }
            return work.apply(jshell);
        } finally {
            sessionLock.unlock();
        }
    }

    @Override
    public Completion complete(String code, int cursor) {
        return lockedWithAllDeclared(jshell -> JShellAnalysis.complete(jshell.sourceCodeAnalysis(), code, cursor));
    }

    @Override
    public Optional<String> inspect(String code, int cursor, int detailLevel) {
        return inspectRich(code, cursor, detailLevel).map(MimeBundle::plainText);
    }

    /** Signatures and Javadoc, readable: plain text and HTML (inline tags resolved, tags as lists). */
    @Override
    public Optional<MimeBundle> inspectRich(String code, int cursor, int detailLevel) {
        return lockedWithAllDeclared(jshell -> JShellAnalysis.inspect(jshell.sourceCodeAnalysis(), code, cursor));
    }

    @Override
    public Completeness isComplete(String code) {
        return locked("", jshell -> JShellAnalysis.isComplete(jshell.sourceCodeAnalysis(), code));
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
        locked("", jshell -> {
            jshell.addToClasspath(path);
            return null;
        });
    }

    @Override
    public Optional<Class<?>> resolveClass(String typeName) {
        if (!typeName.matches("[A-Za-z_$][A-Za-z0-9_$.]*")) {
            return Optional.empty();
        }
        return locked(typeName, jshell -> variables.classNamed(jshell, typeName));
    }

    @Override
    public void close() {
        JShell jshell = shellOrNull();
        if (jshell != null) {
            jshell.close();
        }
    }


}
