package dev.hearth.kernel.install;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Copies the kernel jar keeping only the native libraries of one platform: the libraries Hearth
 * uses (onnxruntime, llama.cpp, DJL tokenizers, JNA) carry builds for every platform, about 150 MB
 * that a user's machine never loads. Debug symbols ({@code .pdb}, {@code .dSYM}) go too.
 * {@code install-kernel.sh} runs it when it installs the kernelspec.
 *
 * <p>{@code java -cp hearth-kernel.jar dev.hearth.kernel.install.PlatformJar SOURCE TARGET}
 */
public final class PlatformJar {

    /**
     * Folders of native builds, one per platform, as {@code root} + a platform folder whose name
     * is {@code os-arch} (or {@code Os/arch} when {@code nested}). Java packages beside them
     * ({@code com/sun/jna/ptr}, {@code com/sun/jna/win32}) have neither a dash nor a capital.
     */
    private record NativeRoot(String root, boolean nested) {
    }

    private static final List<NativeRoot> ROOTS = List.of(
            new NativeRoot("ai/onnxruntime/native/", false),
            new NativeRoot("com/sun/jna/", false),
            new NativeRoot("de/kherud/llama/", true),
            new NativeRoot("native/lib/", false));

    private PlatformJar() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PlatformJar SOURCE.jar TARGET.jar");
            System.exit(2);
        }
        Optional<NativePlatform> platform = NativePlatform.current();
        if (platform.isEmpty()) {
            Files.copy(Path.of(args[0]), Path.of(args[1]), StandardCopyOption.REPLACE_EXISTING);
            System.err.println("hearth: kept the native libraries of every platform (unknown platform "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
            return;
        }
        int dropped = copy(Path.of(args[0]), Path.of(args[1]), platform.get());
        System.err.printf("hearth: kernel jar for %s/%s: %d MB (%d native files of other platforms left out)%n",
                platform.get().os(), platform.get().arch(), Files.size(Path.of(args[1])) >> 20, dropped);
    }

    /**
     * Copies {@code source} to {@code target} without the native files of platforms other than
     * {@code platform}; returns how many files were left out.
     */
    public static int copy(Path source, Path target, NativePlatform platform) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
        int dropped = 0;
        // the zip file system copies kept entries as they are (no recompression) when it closes
        try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + partial.toUri()), Map.of())) {
            List<Path> drop = new ArrayList<>();
            try (Stream<Path> entries = Files.walk(jar.getPath("/"))) {
                entries.filter(p -> !keep(relative(p), platform)).forEach(drop::add);
            }
            drop.sort(Comparator.comparingInt(Path::getNameCount).reversed());
            for (Path entry : drop) {
                if (!Files.isDirectory(entry)) {
                    dropped++;
                    Files.delete(entry);
                } else if (isEmpty(entry)) {
                    Files.delete(entry);
                }
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return dropped;
    }

    private static String relative(Path entry) {
        String path = entry.toString();
        return (path.startsWith("/") ? path.substring(1) : path) + (Files.isDirectory(entry) ? "/" : "");
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            return children.findAny().isEmpty();
        }
    }

    /** Whether the jar entry {@code path} (folders end with {@code /}) stays in the jar for {@code platform}. */
    static boolean keep(String path, NativePlatform platform) {
        if (path.endsWith(".pdb") || path.contains(".dSYM/")) {
            return false;
        }
        for (NativeRoot root : ROOTS) {
            if (!path.startsWith(root.root())) {
                continue;
            }
            String[] parts = path.substring(root.root().length()).split("/", -1);
            if (root.nested()) {
                boolean platformFolder = parts.length >= 3 && !parts[0].isEmpty() && Character.isUpperCase(parts[0].charAt(0));
                return !platformFolder || platform.matches(parts[0], parts[1]);
            }
            int dash = parts[0].indexOf('-');
            boolean platformFolder = parts.length >= 2 && dash > 0;
            return !platformFolder || platform.matches(parts[0].substring(0, dash), parts[0].substring(dash + 1));
        }
        return true;
    }
}
