package dev.hearth.kernel.eval;

import jdk.jshell.execution.LocalExecutionControl;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * JShell's in-process engine, plus access to the value objects themselves (JShell's own API only
 * returns their text). Reading a variable through {@link #varValue} also records the object,
 * which {@link #takeLastValue()} hands out once. Cells' classes live in a {@link CellClassLoader}
 * that does not see the kernel's libraries ({@link KernelTypesLoader}).
 */
final class HearthExecutionControl extends LocalExecutionControl {

    private final CellLoaderDelegate loaderDelegate;

    private Object lastValue;
    private String lastClassName;

    /** An engine whose cells see the JDK and Hearth's types, not the kernel's libraries. */
    HearthExecutionControl() {
        this(new CellLoaderDelegate(HearthExecutionControl.class.getClassLoader()));
    }

    private HearthExecutionControl(CellLoaderDelegate loaderDelegate) {
        super(loaderDelegate);
        this.loaderDelegate = loaderDelegate;
    }

    /** Runs a snippet with {@link CellContextLoader} as its context loader: the cells' jars first, then the kernel's. */
    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loaderDelegate.contextLoader());
        try {
            return super.invoke(doitMethod);
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    @Override
    public String varValue(String className, String varName)
            throws RunException, EngineTerminationException, InternalException {
        lastValue = null;
        lastClassName = className;
        try {
            Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            lastValue = field.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // fall through: JShell reports the problem through its own path below
        }
        return super.varValue(className, varName);
    }

    /**
     * A result whose {@code toString()} throws: JShell would drop the value and report success with
     * no output; report what {@code toString()} threw as the cell's exception instead.
     */
    @Override
    protected String throwConvertedOtherException(Throwable ex) throws RunException, InternalException {
        return throwConvertedInvocationException(ex);
    }

    /**
     * Stores {@code value} in the variable that the last {@link #varValue} call read, without
     * compiling anything; false when that is not possible (then the caller declares it anew).
     */
    boolean setLastVariable(String varName, Object value) {
        if (lastClassName == null) {
            return false;
        }
        try {
            Field field = findClass(lastClassName).getDeclaredField(varName);
            field.setAccessible(true);
            field.set(null, value);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The object read by the last {@link #varValue} call (then forgotten). */
    Object takeLastValue() {
        Object value = lastValue;
        lastValue = null;
        return value;
    }
}
