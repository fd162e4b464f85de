package dev.hearth.kernel.eval;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.Map;

/** Hands JShell the single {@link HearthExecutionControl} of an evaluator. */
final class HearthExecutionControlProvider implements ExecutionControlProvider {

    private final HearthExecutionControl control;

    HearthExecutionControlProvider(HearthExecutionControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "hearth";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
    }
}
