package dev.hearth.kernel.eval;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * The context class loader of the threads that run cells: the cells' loader first (so a library a
 * cell added finds its own classes and services through it), then the kernel's (so Hearth's code
 * called from a cell, and the libraries it uses, still find theirs: the embedding model's resources,
 * langchain4j's and ONNX's service look-ups). Cells' own classes never link through it, so the
 * kernel's libraries stay invisible to cell code.
 */
final class CellContextLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader kernel;

    CellContextLoader(ClassLoader cells, ClassLoader kernel) {
        super("hearth-cell-context", cells);
        this.kernel = kernel;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        return kernel.loadClass(name);
    }

    @Override
    protected URL findResource(String name) {
        return kernel.getResource(name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return kernel.getResources(name);
    }
}
