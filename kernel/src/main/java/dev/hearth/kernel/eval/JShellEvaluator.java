package dev.hearth.kernel.eval;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Java cells on JShell with the in-process execution engine. JShell starts in the background as
 * soon as the evaluator is built, so the first cell does not pay its warm-up.
 */
public final class JShellEvaluator implements Evaluator {

    /** Imports every session starts with. */
    public static final List<String> DEFAULT_IMPORTS = List.of(
            "java.util.*", "java.util.function.*", "java.util.stream.*", "java.io.*", "java.math.*",
            "java.net.*", "java.nio.file.*", "java.time.*", "dev.hearth.api.*");

    private static final System.Logger LOG = System.getLogger(JShellEvaluator.class.getName());

    private final HearthExecutionControl control = new HearthExecutionControl();
    private volatile CompletableFuture<JShell> shell;
    private final List<String> startupSnippets;
    private volatile boolean interrupted;
    private volatile boolean running;

    private JShellEvaluator(List<String> startupSnippets) {
        this.startupSnippets = List.copyOf(startupSnippets);
        this.shell = CompletableFuture.supplyAsync(this::createShell, runnable -> {
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
            for (String snippet : snippets) {
                for (CellSplitter.Piece piece : new CellSplitter(jshell.sourceCodeAnalysis()).split(snippet)) {
                    for (SnippetEvent event : jshell.eval(piece.source())) {
                        if (event.status() == Snippet.Status.REJECTED) {
                            LOG.log(System.Logger.Level.WARNING, "start-up snippet rejected: " + piece.source());
                        }
                    }
                }
            }
            return jshell;
        });
    }

    private JShell createShell() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        // the compiler sees Hearth's types only, the engine loads nothing else from the kernel (CellClassPath)
        JShell jshell = CellClassPath.build(JShell.builder()
                .executionEngine(new HearthExecutionControlProvider(control), Map.of())
                .in(InputStream.nullInputStream())
                .out(quiet)
                .err(quiet)
                .compilerOptions("-Xlint:-options"));
        StringBuilder startup = new StringBuilder();
        DEFAULT_IMPORTS.forEach(i -> startup.append("import ").append(i).append(";\n"));
        startupSnippets.forEach(s -> startup.append(s).append('\n'));
        for (CellSplitter.Piece piece : new CellSplitter(jshell.sourceCodeAnalysis()).split(startup.toString())) {
            for (SnippetEvent event : jshell.eval(piece.source())) {
                if (event.status() == Snippet.Status.REJECTED) {
                    LOG.log(System.Logger.Level.WARNING, "start-up snippet rejected: " + piece.source());
                }
            }
        }
        // Compile and run one expression so the compiler and engine are warm. Completion is not
        // warmed: it fills JShell's pooled compiler contexts with every class it looks at, and each
        // later compile walks them all (~1.5 ms a cell), to save ~160 ms on the first Tab.
        jshell.eval("String.valueOf(1 + 1)").forEach(event -> jshell.drop(event.snippet()));
        return jshell;
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
                    throw tooLongFailure(tooLong.get(), piece, code);
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
                    if (event.status() == Snippet.Status.REJECTED || hasClassFileLimitError(jshell, event.snippet())) {
                        CellFailure failure = compileFailure(jshell, event.snippet(), piece, code);
                        if (jshell.status(event.snippet()).isActive()) {
                            jshell.drop(event.snippet());
                        }
                        throw failure;
                    }
                    try {
                        if (event.exception() != null) {
                            throw runtimeFailure(event.exception(), piecesBySnippetId, code);
                        }
                        result = valueOf(jshell, event);
                    } finally {
                        dropIfTemporary(jshell, event.snippet());
                    }
                }
            }
            return result;
        } finally {
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

    private static CellFailure tooLongFailure(StringConstantLimit.TooLong tooLong, CellSplitter.Piece piece, String code) {
        Position at = Position.of(code, piece.offset() + tooLong.offset());
        String message = "line " + at.line + ", column " + at.column + ": this string constant needs "
                + tooLong.bytes() + " bytes, over the " + StringConstantLimit.MAX_BYTES + "-byte limit of a Java"
                + " class file; build long text at run time instead (e.g. Files.readString(Path.of(...)))";
        return new CellFailure("CompileError", message, List.of("CompileError: " + message,
                "  " + abbreviate(at.lineText(code)), "  " + " ".repeat(Math.min(at.column - 1, 80)) + "^"));
    }

    /**
     * javac's "location: class" line names JShell's hidden wrapper class (shown empty, or as
     * {@code $JShell$...}) for code at the top level of a cell: not the user's code, so drop it.
     */
    static String withoutWrapperLocation(String message) {
        return message.replaceAll("(?m)\\R?^[ \\t]*location: class[ \\t]*(REPL\\.)?(\\$JShell\\$\\w*)?[ \\t]*$", "");
    }

    private static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }

    /** A constant javac could not write: JShell leaves such a snippet active (and broken) instead of rejecting it. */
    private static boolean hasClassFileLimitError(JShell jshell, Snippet snippet) {
        return jshell.status(snippet).isActive() && jshell.diagnostics(snippet).anyMatch(d -> d.isError()
                && d.getMessage(Locale.ROOT).contains("too long"));
    }

    private CellFailure compileFailure(JShell jshell, Snippet snippet, CellSplitter.Piece piece, String code) {
        List<Diag> diags = jshell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        if (diags.isEmpty()) {
            String what = piece.complete() ? "This code is not valid Java" : "This code is incomplete";
            Position at = Position.of(code, piece.offset());
            return new CellFailure("CompileError", what + " (line " + at.line + ")",
                    List.of("CompileError: " + what + " at line " + at.line + ", column " + at.column,
                            "  " + at.lineText(code)));
        }
        List<String> traceback = new ArrayList<>();
        String first = null;
        for (Diag diag : diags) {
            String message = withoutWrapperLocation(diag.getMessage(Locale.ROOT));
            long relative = Math.max(0, diag.getStartPosition() >= 0 ? diag.getStartPosition() : diag.getPosition());
            Position at = Position.of(code, piece.offset() + (int) Math.min(relative, piece.source().length()));
            String headline = "line " + at.line + ", column " + at.column + ": " + message;
            if (first == null) {
                first = headline;
            }
            traceback.add("CompileError: " + headline);
            traceback.add("  " + abbreviate(at.lineText(code)));
            traceback.add("  " + " ".repeat(Math.max(0, at.column - 1)) + "^");
        }
        return new CellFailure("CompileError", first, traceback);
    }

    private CellFailure runtimeFailure(JShellException exception, Map<String, CellSplitter.Piece> pieces, String code) {
        if (interrupted) {
            return CellFailure.interrupted();
        }
        if (exception instanceof UnresolvedReferenceException unresolved) {
            String missing = shellOrNull() == null ? "" : shellOrNull().unresolvedDependencies(unresolved.getSnippet())
                    .collect(Collectors.joining(", "));
            String message = "cannot run '" + unresolved.getSnippet().source().strip().lines().findFirst().orElse("")
                    + "' until " + (missing.isEmpty() ? "what it uses" : missing) + " is declared";
            return CellFailure.of("UnresolvedReference", message);
        }
        String name = exception instanceof EvalException eval ? eval.getExceptionClassName()
                : exception.getClass().getName();
        String message = exception.getMessage() == null ? "" : exception.getMessage();
        List<String> traceback = new ArrayList<>();
        Throwable current = exception;
        String prefix = "";
        while (current != null) {
            String currentName = current instanceof EvalException eval ? eval.getExceptionClassName()
                    : current.getClass().getName();
            String currentMessage = current.getMessage();
            traceback.add(prefix + currentName + (currentMessage == null ? "" : ": " + currentMessage));
            traceback.addAll(userFrames(current.getStackTrace(), pieces, code));
            current = current.getCause() == current ? null : current.getCause();
            prefix = "Caused by: ";
        }
        return new CellFailure(name, message, traceback);
    }

    /** The stack frames worth showing: library frames called by user code, and the user's own. */
    private static List<String> userFrames(StackTraceElement[] frames, Map<String, CellSplitter.Piece> pieces,
                                           String code) {
        int lastUser = -1;
        for (int i = 0; i < frames.length; i++) {
            if (isUserFrame(frames[i])) {
                lastUser = i;
            }
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i <= lastUser; i++) {
            StackTraceElement frame = frames[i];
            if (isUserFrame(frame)) {
                lines.add("    at " + userMethodName(frame) + "(" + userLocation(frame, pieces, code) + ")");
            } else if (!isInternalFrame(frame)) {
                lines.add("    at " + frame);
            }
        }
        if (lastUser < 0) {
            for (StackTraceElement frame : frames) {
                if (!isInternalFrame(frame)) {
                    lines.add("    at " + frame);
                }
                if (lines.size() >= 8) {
                    break;
                }
            }
        }
        return lines;
    }

    /** JShell rewrites frames of snippet code to an empty class name and a file named {@code #id}. */
    private static boolean isUserFrame(StackTraceElement frame) {
        return frame.getClassName().startsWith("REPL.")
                || (frame.getClassName().isEmpty() && frame.getFileName() != null && frame.getFileName().startsWith("#"));
    }

    private static boolean isInternalFrame(StackTraceElement frame) {
        String cls = frame.getClassName();
        return cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.")
                || cls.startsWith("jdk.jshell.") || cls.startsWith("dev.hearth.kernel.")
                || cls.startsWith("sun.reflect.");
    }

    private static String userMethodName(StackTraceElement frame) {
        String method = frame.getMethodName();
        String cls = frame.getClassName();
        if (method.isEmpty() || method.startsWith("do_it$")) {
            return "cell";
        }
        String simple = cls.substring(Math.max(cls.lastIndexOf('$'), cls.lastIndexOf('.')) + 1);
        boolean wrapper = simple.isEmpty() || simple.chars().allMatch(Character::isDigit);
        return wrapper ? method : simple + "." + method;
    }

    private static String userLocation(StackTraceElement frame, Map<String, CellSplitter.Piece> pieces, String code) {
        String file = frame.getFileName();
        int line = frame.getLineNumber();
        String snippetId = file != null && file.startsWith("#") ? file.substring(1) : null;
        CellSplitter.Piece piece = snippetId == null ? null : pieces.get(snippetId);
        if (piece != null && line > 0) {
            return "line " + (Position.of(code, piece.offset()).line + line - 1);
        }
        return snippetId != null ? "an earlier cell, snippet " + snippetId + (line > 0 ? " line " + line : "")
                : (file == null ? "unknown" : file);
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
        JShell jshell = shell();
        int clamped = Math.max(0, Math.min(cursor, code.length()));
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                jshell.sourceCodeAnalysis().completionSuggestions(code, clamped, anchor);
        LinkedHashSet<String> matches = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completion(List.copyOf(matches), anchor[0], clamped);
    }

    @Override
    public Optional<String> inspect(String code, int cursor, int detailLevel) {
        return inspectRich(code, cursor, detailLevel).map(MimeBundle::plainText);
    }

    /** Signatures and Javadoc, readable: plain text and HTML (inline tags resolved, tags as lists). */
    @Override
    public Optional<MimeBundle> inspectRich(String code, int cursor, int detailLevel) {
        JShell jshell = shell();
        int clamped = Math.max(0, Math.min(cursor, code.length()));
        List<SourceCodeAnalysis.Documentation> docs =
                jshell.sourceCodeAnalysis().documentation(code, clamped, true);
        if (docs.isEmpty()) {
            // "Math.abs" names a method but documents nothing until it looks like a call
            docs = jshell.sourceCodeAnalysis().documentation(
                    code.substring(0, clamped) + "(" + code.substring(clamped), clamped + 1, true);
        }
        if (docs.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            if (text.length() > 0) {
                text.append("\n\n");
                html.append("<hr>");
            }
            text.append(doc.signature());
            html.append("<pre>").append(org.jsoup.nodes.Entities.escape(doc.signature())).append("</pre>");
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                JavadocText.Rendered rendered = JavadocText.render(doc.javadoc());
                text.append("\n\n").append(rendered.text());
                html.append(rendered.html());
            }
        }
        return Optional.of(MimeBundle.html(html.toString(), text.toString()));
    }

    @Override
    public Completeness isComplete(String code) {
        JShell jshell = shell();
        if (code.isBlank()) {
            return new Completeness("complete", "");
        }
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = jshell.sourceCodeAnalysis().analyzeCompletion(remaining);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> {
                    if (info.remaining().length() >= remaining.length()) {
                        return new Completeness("complete", "");
                    }
                    remaining = info.remaining();
                }
                case EMPTY -> {
                    return new Completeness("complete", "");
                }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return new Completeness("incomplete", "    ".repeat(Math.max(1, openBrackets(code))));
                }
                default -> {
                    return new Completeness("invalid", "");
                }
            }
        }
        return new Completeness("complete", "");
    }

    private static int openBrackets(String code) {
        int depth = 0;
        for (char c : code.toCharArray()) {
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ')' || c == ']') && depth > 0) {
                depth--;
            }
        }
        return depth;
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

    /** A line and column (both from 1) in a cell. */
    private record Position(int line, int column, int lineStart) {
        static Position of(String code, int offset) {
            int line = 1;
            int lineStart = 0;
            int end = Math.min(offset, code.length());
            for (int i = 0; i < end; i++) {
                if (code.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new Position(line, end - lineStart + 1, lineStart);
        }

        String lineText(String code) {
            int end = code.indexOf('\n', lineStart);
            return code.substring(lineStart, end < 0 ? code.length() : end);
        }
    }
}
