package dev.hearth.kernel.eval;

import dev.hearth.kernel.eval.Evaluator.EvalResult;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

import java.util.Locale;
import java.util.Optional;

/**
 * Objects in and out of the session's variables, through the execution engine
 * ({@link HearthExecutionControl}): a cell's value, a variable read by name, a kernel object bound
 * to a name, a class by its name. No source ever names a kernel object.
 */
final class SessionVariables {

    private final HearthExecutionControl control;

    SessionVariables(HearthExecutionControl control) {
        this.control = control;
    }

    /** The value of a cell's snippet ({@link EvalResult#NONE} when it has none to show). */
    EvalResult valueOf(JShell jshell, SnippetEvent event) {
        Snippet snippet = event.snippet();
        if (event.value() == null) {
            return EvalResult.NONE;
        }
        if (snippet instanceof VarSnippet var
                && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            String text = jshell.varValue(var);
            Object value = control.takeLastValue();
            // System.out.printf(...) and append(...) return the stream itself: not a result to show
            return value == System.out || value == System.err ? EvalResult.NONE
                    : new EvalResult(value, text, true);
        }
        if (snippet instanceof ExpressionSnippet expression
                && snippet.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND) {
            Optional<VarSnippet> var = find(jshell, expression.name());
            if (var.isPresent()) {
                String text = jshell.varValue(var.get());
                return new EvalResult(control.takeLastValue(), text, true);
            }
            return new EvalResult(null, event.value(), true);
        }
        return EvalResult.NONE;
    }

    /** The live variable {@code name} (the latest, if redeclared). */
    static Optional<VarSnippet> find(JShell jshell, String name) {
        VarSnippet found = null;
        for (VarSnippet var : (Iterable<VarSnippet>) jshell.variables()::iterator) {
            if (var.name().equals(name) && jshell.status(var).isActive()) {
                found = var;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Declares {@code name} (unless a variable of that name and type exists), then stores
     * {@code value} in it through the engine: no source ever names the object, so nothing has to
     * be parked where generated code could fetch it.
     */
    void bind(JShell jshell, String name, String javaType, Object value) {
        if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
            throw CellFailure.of("BindError", "'" + name + "' is not a valid Java variable name");
        }
        Optional<VarSnippet> variable = find(jshell, name).filter(v -> v.typeName().equals(javaType));
        if (variable.isEmpty()) {
            // Same name and type is reused without compiling (~1 ms instead of ~50 ms).
            for (SnippetEvent event : jshell.eval(javaType + " " + name + ";")) {
                if (event.causeSnippet() == null && event.status() == Snippet.Status.REJECTED) {
                    String reason = jshell.diagnostics(event.snippet()).map(d -> d.getMessage(Locale.ROOT))
                            .findFirst().orElse("rejected");
                    throw CellFailure.of("BindError", "cannot bind " + name + " as " + javaType + ": " + reason);
                }
            }
            variable = find(jshell, name);
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

    /** The value of variable {@code name}, if the session has it. */
    Optional<Object> read(JShell jshell, String name) {
        return find(jshell, name).map(var -> {
            jshell.varValue(var);
            return control.takeLastValue();
        });
    }

    /** The class cells know as {@code typeName}. */
    Optional<Class<?>> classNamed(JShell jshell, String typeName) {
        for (SnippetEvent event : jshell.eval(typeName + ".class")) {
            try {
                if (event.causeSnippet() == null && event.status() == Snippet.Status.VALID
                        && event.snippet() instanceof VarSnippet var) {
                    jshell.varValue(var);
                    return control.takeLastValue() instanceof Class<?> cls ? Optional.of(cls) : Optional.empty();
                }
            } finally {
                jshell.drop(event.snippet());
            }
        }
        return Optional.empty();
    }
}
