package dev.hearth.kernel.eval;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines the classes JShell compiles from cells and loads the jars added to the session
 * ({@code %classpath}, {@code %maven}). Its parent is a {@link KernelTypesLoader}, so the
 * kernel's own libraries stay out of the cells' way.
 */
final class CellClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> compiled = new ConcurrentHashMap<>();

    CellClassLoader(ClassLoader parent) {
        super("hearth-cells", new URL[0], parent);
    }

    /** Makes the bytes of a class compiled from a cell known; it is defined at its first load. */
    void declare(String name, byte[] bytes) {
        compiled.put(name, bytes);
    }

    /** Adds a jar or a class directory for later cells. */
    void add(String path) throws MalformedURLException {
        addURL(Path.of(path).toAbsolutePath().toUri().toURL());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = compiled.get(name);
        if (bytes != null) {
            return defineClass(name, bytes, 0, bytes.length);
        }
        return super.findClass(name);
    }
}
