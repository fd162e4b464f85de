package dev.hearth.kernel.eval;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a failed snippet looks like to the user: compile errors and exceptions as
 * {@link CellFailure}s whose lines and columns point at the cell, with JShell's wrapper classes
 * and the kernel's own frames left out.
 */
final class SnippetFailures {

    private SnippetFailures() {
    }

    static CellFailure tooLong(StringConstantLimit.TooLong tooLong, CellSplitter.Piece piece, String code) {
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
    static boolean hasClassFileLimitError(JShell jshell, Snippet snippet) {
        return jshell.status(snippet).isActive() && jshell.diagnostics(snippet).anyMatch(d -> d.isError()
                && d.getMessage(Locale.ROOT).contains("too long"));
    }

    static CellFailure compileFailure(JShell jshell, Snippet snippet, CellSplitter.Piece piece, String code) {
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

    /**
     * An exception a snippet threw, with the frames worth showing.
     *
     * @param jshell the session, or null when it is gone (then unresolved names are not listed)
     * @param pieces the cell's pieces by snippet id, to map frames back to the cell's lines
     */
    static CellFailure runtimeFailure(JShell jshell, JShellException exception, Map<String, CellSplitter.Piece> pieces,
                                      String code) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            String missing = jshell == null ? "" : jshell.unresolvedDependencies(unresolved.getSnippet())
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
