package dev.hearth.kernel.eval;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

import java.net.MalformedURLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JShell's class loading for the in-process engine, on a {@link CellClassLoader} whose parent
 * shows cells the JDK and Hearth's types only (JShell's default loader sees the whole kernel
 * class path, so a cell could not use another version of a library the kernel carries).
 */
final class CellLoaderDelegate implements LoaderDelegate {

    private final CellClassLoader loader;
    private final ClassLoader contextLoader;
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    CellLoaderDelegate(ClassLoader kernel) {
        this.loader = new CellClassLoader(new KernelTypesLoader(kernel));
        this.contextLoader = new CellContextLoader(loader, kernel);
    }

    /** The context class loader of the threads that run cells. */
    ClassLoader contextLoader() {
        return contextLoader;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        boolean[] installed = new boolean[classes.length];
        try {
            for (ClassBytecodes c : classes) {
                loader.declare(c.name(), c.bytecodes());
            }
            for (int i = 0; i < classes.length; i++) {
                Class<?> type = loader.loadClass(classes[i].name());
                loaded.put(classes[i].name(), type);
                installed[i] = true;
                type.getDeclaredMethods(); // link now, so a missing dependency fails here, not mid-cell
            }
        } catch (Throwable e) {
            throw new ClassInstallException("load: " + e.getMessage(), installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            loader.declare(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        try {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    loader.add(entry);
                }
            }
        } catch (MalformedURLException | RuntimeException e) {
            throw new InternalException("cannot add " + path + " to the class path: " + e.getMessage());
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> type = loaded.get(name);
        if (type == null) {
            throw new ClassNotFoundException(name + " not found");
        }
        return type;
    }
}
