package dev.hearth.kernel.actions;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

/**
 * Finds the class of a plugin jar that could end the kernel's process: a call of
 * {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt}, or a method reference to one,
 * in the jar's classes or in a jar nested in it. It reads bytecode (with ASM) and loads nothing.
 * Reflection could still reach these methods; this stops the ordinary call, which is what a
 * command-line library shaded into a plugin or a careless plugin has.
 */
final class ExitCalls {

    /**
     * A class that calls a method that ends the JVM.
     *
     * @param className the class, dotted ({@code com.example.Main})
     * @param call      what it calls ({@code System.exit})
     */
    record Finding(String className, String call) {
        String describe() {
            return "class " + className + " calls " + call + ", which would end the kernel";
        }
    }

    private ExitCalls() {
    }

    /**
     * The first class in {@code jar} that calls one of the exit methods.
     *
     * @throws IOException when the jar cannot be read
     * @throws IllegalArgumentException when a class file cannot be parsed (too new a class version)
     */
    static Optional<Finding> find(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                try (InputStream in = file.getInputStream(entry)) {
                    Optional<Finding> found = inspect(entry.getName(), in);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Finding> inspect(String name, InputStream in) throws IOException {
        if (name.endsWith(".class")) {
            return scan(in.readAllBytes());
        }
        if (name.endsWith(".jar")) {
            JarInputStream nested = new JarInputStream(in);
            for (JarEntry entry = nested.getNextJarEntry(); entry != null; entry = nested.getNextJarEntry()) {
                Optional<Finding> found = inspect(entry.getName(), nested);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The exit call in one class file, if any. */
    static Optional<Finding> scan(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        String[] found = new String[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        note(owner, method);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String method, String desc, Handle bootstrap, Object... args) {
                        for (Object arg : args) {
                            visitLdcInsn(arg);
                        }
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof Handle handle) {
                            note(handle.getOwner(), handle.getName());
                        }
                    }

                    private void note(String owner, String method) {
                        String call = exitCall(owner, method);
                        if (call != null && found[0] == null) {
                            found[0] = call;
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found[0] == null ? Optional.empty()
                : Optional.of(new Finding(reader.getClassName().replace('/', '.'), found[0]));
    }

    private static String exitCall(String owner, String method) {
        if (owner.equals("java/lang/System") && method.equals("exit")) {
            return "System.exit";
        }
        if (owner.equals("java/lang/Runtime") && (method.equals("exit") || method.equals("halt"))) {
            return "Runtime." + method;
        }
        return null;
    }
}
