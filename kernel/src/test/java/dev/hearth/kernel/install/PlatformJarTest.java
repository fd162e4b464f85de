package dev.hearth.kernel.install;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformJarTest {

    /** Entry names laid out as the real libraries lay them out in the kernel jar. */
    private static final List<String> FILES = List.of(
            "dev/hearth/kernel/Main.class",
            "com/sun/jna/Native.class",
            "com/sun/jna/ptr/IntByReference.class",
            "com/sun/jna/win32/W32APIOptions.class",
            "com/sun/jna/linux-x86-64/libjnidispatch.so",
            "com/sun/jna/linux-aarch64/libjnidispatch.so",
            "com/sun/jna/darwin-aarch64/libjnidispatch.jnilib",
            "com/sun/jna/win32-x86-64/jnidispatch.dll",
            "com/sun/jna/aix-ppc64/libjnidispatch.a",
            "de/kherud/llama/LlamaModel.class",
            "de/kherud/llama/args/MiroStat.class",
            "de/kherud/llama/Linux/x86_64/libjllama.so",
            "de/kherud/llama/Linux-Android/aarch64/libjllama.so",
            "de/kherud/llama/Mac/aarch64/libjllama.dylib",
            "de/kherud/llama/Windows/x86_64/jllama.dll",
            "ai/onnxruntime/OrtSession.class",
            "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
            "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib",
            "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib.dSYM/Contents/Resources/DWARF/libonnxruntime.dylib",
            "ai/onnxruntime/native/win-x64/onnxruntime.dll",
            "ai/onnxruntime/native/win-x64/onnxruntime.pdb",
            "native/lib/tokenizers.properties",
            "native/lib/linux-x86_64/cpu/libtokenizers.so",
            "native/lib/osx-aarch64/cpu/libtokenizers.dylib",
            "bge-small-en-v1.5-q.onnx");

    @Test
    void onLinuxX64TheJarKeepsLinuxX64LibrariesAndEveryClass(@TempDir Path dir) throws IOException {
        Set<String> kept = copyFor(dir, new NativePlatform("linux", "x86_64"));

        assertEquals(new TreeSet<>(List.of(
                "dev/hearth/kernel/Main.class", "com/sun/jna/Native.class", "com/sun/jna/ptr/IntByReference.class",
                "com/sun/jna/win32/W32APIOptions.class", "com/sun/jna/linux-x86-64/libjnidispatch.so",
                "de/kherud/llama/LlamaModel.class", "de/kherud/llama/args/MiroStat.class",
                "de/kherud/llama/Linux/x86_64/libjllama.so", "ai/onnxruntime/OrtSession.class",
                "ai/onnxruntime/native/linux-x64/libonnxruntime.so", "native/lib/tokenizers.properties",
                "native/lib/linux-x86_64/cpu/libtokenizers.so", "bge-small-en-v1.5-q.onnx")), kept);
    }

    @Test
    void onAMacWithAppleSiliconTheJarKeepsItsLibrariesWithoutDebugSymbols(@TempDir Path dir) throws IOException {
        Set<String> kept = copyFor(dir, new NativePlatform("mac", "aarch64"));

        assertTrue(kept.containsAll(List.of("com/sun/jna/darwin-aarch64/libjnidispatch.jnilib",
                "de/kherud/llama/Mac/aarch64/libjllama.dylib", "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib",
                "native/lib/osx-aarch64/cpu/libtokenizers.dylib", "com/sun/jna/ptr/IntByReference.class")), kept.toString());
        assertFalse(kept.stream().anyMatch(name -> name.contains(".dSYM") || name.endsWith(".so")
                || name.endsWith(".dll")), kept.toString());
    }

    @Test
    void theCopyIsAWorkingJarWithTheSameContent(@TempDir Path dir) throws IOException {
        Path source = sourceJar(dir);
        Path target = dir.resolve("out.jar");
        PlatformJar.copy(source, target, new NativePlatform("windows", "x86_64"));

        try (JarFile jar = new JarFile(target.toFile())) {
            assertEquals("com/sun/jna/win32-x86-64/jnidispatch.dll", new String(jar.getInputStream(
                    jar.getEntry("com/sun/jna/win32-x86-64/jnidispatch.dll")).readAllBytes(), StandardCharsets.UTF_8));
            assertNull(jar.getEntry("ai/onnxruntime/native/win-x64/onnxruntime.pdb"));
        }
        assertFalse(Files.exists(dir.resolve("out.jar.partial")));
    }

    @Test
    void platformsAreReadFromTheJvmsNames() {
        assertEquals(Optional.of(new NativePlatform("linux", "x86_64")), NativePlatform.of("Linux", "amd64"));
        assertEquals(Optional.of(new NativePlatform("mac", "aarch64")), NativePlatform.of("Mac OS X", "aarch64"));
        assertEquals(Optional.of(new NativePlatform("windows", "x86_64")), NativePlatform.of("Windows 11", "amd64"));
        assertEquals(Optional.empty(), NativePlatform.of("FreeBSD", "amd64"));
        assertEquals(Optional.empty(), NativePlatform.of("Linux", "ppc64le"));
    }

    private static Set<String> copyFor(Path dir, NativePlatform platform) throws IOException {
        Path target = dir.resolve("out.jar");
        int dropped = PlatformJar.copy(sourceJar(dir), target, platform);
        Set<String> kept = new TreeSet<>();
        try (JarFile jar = new JarFile(target.toFile())) {
            jar.stream().filter(e -> !e.isDirectory()).forEach(e -> kept.add(e.getName()));
        }
        assertEquals(FILES.size() - kept.size(), dropped);
        return kept;
    }

    private static Path sourceJar(Path dir) throws IOException {
        Path jar = dir.resolve("all.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            Set<String> folders = new TreeSet<>();
            for (String name : FILES) {
                for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                    if (folders.add(name.substring(0, slash + 1))) {
                        out.putNextEntry(new ZipEntry(name.substring(0, slash + 1)));
                        out.closeEntry();
                    }
                }
                out.putNextEntry(new ZipEntry(name));
                write(out, name);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
