package dev.hearth.kernel.deps;

import dev.hearth.kernel.testing.KernelClient;
import dev.hearth.kernel.testing.KernelProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code %maven} adds to a cell when the artifacts are already in the local repository
 * (docs/BENCHMARKS.md, section Dependencies): in fresh kernels, the time of a {@code %maven --offline}
 * cell (execute request to reply) against the time of {@code 1 + 1}, for a first {@code %maven} in
 * the session, the Java cell after it, a second one, and a repeat. Run through bench/deps-bench.sh.
 */
public final class DependenciesBenchmark {

    private DependenciesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int kernels = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String first = args.length > 1 ? args[1] : "org.jsoup:jsoup:1.24.1";
        String second = args.length > 2 ? args[2] : "com.fasterxml.jackson.core:jackson-databind:2.11.0";
        List<Long> trivial = new ArrayList<>();
        List<Long> firstMaven = new ArrayList<>();
        List<Long> secondMaven = new ArrayList<>();
        List<Long> repeat = new ArrayList<>();
        List<Long> nextCell = new ArrayList<>();
        for (int i = 0; i < kernels; i++) {
            Path home = Files.createTempDirectory("hearth-deps-bench");
            try (KernelProcess kernel = KernelProcess.start(home, Map.of())) {
                KernelClient client = kernel.client();
                for (int w = 0; w < 20; w++) {
                    client.execute("1 + 1");
                }
                trivial.add(time(client, "1 + 1"));
                firstMaven.add(time(client, "%maven --offline " + first));
                nextCell.add(time(client, "1 + 1"));
                secondMaven.add(time(client, "%maven --offline " + second));
                repeat.add(time(client, "%maven --offline " + first));
            }
        }
        long base = median(trivial);
        System.out.println("| cell | median ms | added over `1 + 1` |");
        System.out.println("|---|---|---|");
        System.out.printf("| `1 + 1` | %d | |%n", base);
        System.out.printf("| first `%%maven --offline %s` in a session | %d | +%d |%n", first, median(firstMaven), median(firstMaven) - base);
        System.out.printf("| the next `1 + 1` (JShell's compiler restarts on the new class path) | %d | +%d |%n", median(nextCell), median(nextCell) - base);
        System.out.printf("| then `%%maven --offline %s` | %d | +%d |%n", second, median(secondMaven), median(secondMaven) - base);
        System.out.printf("| the first line again (no-op) | %d | +%d |%n", median(repeat), median(repeat) - base);
        System.out.println("(" + kernels + " fresh kernels; each figure is the median over them)");
    }

    private static long time(KernelClient client, String code) {
        long start = System.nanoTime();
        KernelClient.Exchange exchange = client.execute(code, 120_000);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!"ok".equals(exchange.status())) {
            throw new IllegalStateException(code + " failed: " + exchange.content());
        }
        return millis;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
