package dev.hearth.kernel.eval;

import dev.hearth.api.MimeBundle;
import jdk.jshell.SourceCodeAnalysis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What the editor asks of a Java cell without running it: completion, inspection (signatures and
 * Javadoc) and whether the code is complete, all from JShell's {@link SourceCodeAnalysis}.
 */
final class JShellAnalysis {

    private JShellAnalysis() {
    }

    static Evaluator.Completion complete(SourceCodeAnalysis analysis, String code, int cursor) {
        int clamped = Math.max(0, Math.min(cursor, code.length()));
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(code, clamped, anchor);
        LinkedHashSet<String> matches = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Evaluator.Completion(List.copyOf(matches), anchor[0], clamped);
    }

    /** Signatures and Javadoc, readable: plain text and HTML (inline tags resolved, tags as lists). */
    static Optional<MimeBundle> inspect(SourceCodeAnalysis analysis, String code, int cursor) {
        int clamped = Math.max(0, Math.min(cursor, code.length()));
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, clamped, true);
        if (docs.isEmpty()) {
            // "Math.abs" names a method but documents nothing until it looks like a call
            docs = analysis.documentation(code.substring(0, clamped) + "(" + code.substring(clamped), clamped + 1, true);
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

    static Evaluator.Completeness isComplete(SourceCodeAnalysis analysis, String code) {
        if (code.isBlank()) {
            return new Evaluator.Completeness("complete", "");
        }
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> {
                    if (info.remaining().length() >= remaining.length()) {
                        return new Evaluator.Completeness("complete", "");
                    }
                    remaining = info.remaining();
                }
                case EMPTY -> {
                    return new Evaluator.Completeness("complete", "");
                }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return new Evaluator.Completeness("incomplete", "    ".repeat(Math.max(1, openBrackets(code))));
                }
                default -> {
                    return new Evaluator.Completeness("invalid", "");
                }
            }
        }
        return new Evaluator.Completeness("complete", "");
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
}
