package dev.hearth.kernel.install;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An operating system and processor, as the native-library folders inside library jars name them
 * in their different spellings ({@code linux-x64}, {@code linux-x86-64}, {@code Linux/x86_64},
 * {@code osx-aarch64}, {@code darwin-aarch64}, {@code Mac/aarch64}, {@code win32-x86-64}, ...).
 *
 * @param os   {@code linux}, {@code mac} or {@code windows}
 * @param arch {@code x86_64} or {@code aarch64}
 */
public record NativePlatform(String os, String arch) {

    private static final Set<String> LINUX = Set.of("linux");
    private static final Set<String> MAC = Set.of("osx", "darwin", "mac", "macos", "macosx");
    private static final Set<String> WINDOWS = Set.of("win", "win32", "win64", "windows");
    private static final Set<String> X86_64 = Set.of("x64", "x86_64", "x86-64", "amd64");
    private static final Set<String> AARCH64 = Set.of("aarch64", "arm64");

    /** This JVM's platform, or empty when it is none of the ones above (then nothing is stripped). */
    public static Optional<NativePlatform> current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** The platform named by {@code os.name} and {@code os.arch} values, if it is one this class knows. */
    static Optional<NativePlatform> of(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        String os = name.startsWith("linux") ? "linux" : name.startsWith("mac") ? "mac"
                : name.startsWith("windows") ? "windows" : null;
        String arch = osArch.toLowerCase(Locale.ROOT);
        String normalized = X86_64.contains(arch) ? "x86_64" : AARCH64.contains(arch) ? "aarch64" : null;
        return os == null || normalized == null ? Optional.empty() : Optional.of(new NativePlatform(os, normalized));
    }

    /**
     * Whether a folder named {@code os} + {@code arch} (e.g. {@code "darwin"}, {@code "x86-64"}) is
     * this platform's: the spelling of each part is one of the known aliases.
     */
    boolean matches(String folderOs, String folderArch) {
        String os = folderOs.toLowerCase(Locale.ROOT);
        String arch = folderArch.toLowerCase(Locale.ROOT);
        Set<String> osNames = switch (this.os) {
            case "linux" -> LINUX;
            case "mac" -> MAC;
            default -> WINDOWS;
        };
        return osNames.contains(os) && (this.arch.equals("x86_64") ? X86_64 : AARCH64).contains(arch);
    }
}
