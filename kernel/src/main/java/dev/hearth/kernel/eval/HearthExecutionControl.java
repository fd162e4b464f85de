package dev.hearth.kernel.eval;

import jdk.jshell.execution.LocalExecutionControl;

import java.lang.reflect.Field;

/**
 * JShell's in-process engine, plus access to the value objects themselves (JShell's own API only
 * returns their text). Reading a variable through {@link #varValue} also records the object,
 * which {@link #takeLastValue()} hands out once.
 */
final class HearthExecutionControl extends LocalExecutionControl {

    private Object lastValue;

    @Override
    public String varValue(String className, String varName)
            throws RunException, EngineTerminationException, InternalException {
        lastValue = null;
        try {
            Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            lastValue = field.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // fall through: JShell reports the problem through its own path below
        }
        return super.varValue(className, varName);
    }

    /** The object read by the last {@link #varValue} call (then forgotten). */
    Object takeLastValue() {
        Object value = lastValue;
        lastValue = null;
        return value;
    }
}
