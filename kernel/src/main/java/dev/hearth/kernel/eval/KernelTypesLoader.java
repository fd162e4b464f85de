package dev.hearth.kernel.eval;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;

/**
 * The parent of the cells' class loader: the JDK, and Hearth's own types ({@code dev.hearth.*}:
 * the api and the objects bound for cells), but none of the libraries the kernel carries
 * (Jackson, Lucene, langchain4j, ...). A cell that loads its own version of such a library gets
 * its own, and the kernel keeps using the one it was built with.
 */
final class KernelTypesLoader extends ClassLoader {

    private static final String HEARTH_PACKAGE = "dev.hearth.";
    private static final String HEARTH_RESOURCES = "dev/hearth/";

    private final ClassLoader kernel;
    private final Set<String> jdkPackages;

    KernelTypesLoader(ClassLoader kernel) {
        super("hearth-kernel-types", ClassLoader.getPlatformClassLoader());
        this.kernel = kernel;
        Set<String> packages = new HashSet<>();
        // jdk.jshell and jdk.compiler are defined to the application loader, not the platform one
        ModuleLayer.boot().modules().forEach(m -> packages.addAll(m.getPackages()));
        this.jdkPackages = Set.copyOf(packages);
    }

    /** Whether cells see the kernel's class {@code name}. */
    boolean shares(String name) {
        if (name.startsWith(HEARTH_PACKAGE)) {
            return true;
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 && jdkPackages.contains(name.substring(0, dot));
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (shares(name)) {
            return kernel.loadClass(name);
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        return name.startsWith(HEARTH_RESOURCES) ? kernel.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return name.startsWith(HEARTH_RESOURCES) ? kernel.getResources(name) : Collections.emptyEnumeration();
    }
}
