package dev.hearth.kernel;

/** Entry point placeholder; replaced by the kernel launcher. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("usage: hearth-kernel CONNECTION_FILE");
    }
}
