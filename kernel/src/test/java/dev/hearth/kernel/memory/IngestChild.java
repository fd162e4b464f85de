package dev.hearth.kernel.memory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Ingest in a child JVM, for tests that must kill it ({@link CrashSafetyTest}) or run it with other
 * rights ({@link WalkTest}): ingests a directory with the real model and prints
 * {@code COMMITTED <source>} for every file once it is reported as durably stored, then
 * {@code ADDED <count>}, one {@code SKIPPED <reason>\t<path>} per skipped file, and {@code DONE}.
 */
public final class IngestChild {

    private IngestChild() {
    }

    /** Arguments: the Hearth memory home, the directory to ingest and, optionally, the commit interval in seconds. */
    public static void main(String[] args) {
        Memory.Builder builder = Memory.builder(Path.of(args[0]));
        if (args.length > 2) {
            builder.commitInterval(Duration.ofSeconds(Long.parseLong(args[2])));
        }
        try (Memory memory = builder.build()) {
            IngestSummary summary = memory.ingest(args[1], Memory.IngestOptions.DEFAULTS, new IngestListener() {
                @Override
                public void committed(List<String> sources) {
                    sources.forEach(s -> System.out.println("COMMITTED " + s));
                    System.out.flush();
                }
            }, () -> false);
            System.out.println("ADDED " + summary.added());
            summary.skipped().forEach(s -> System.out.println("SKIPPED " + s.reason() + "\t" + s.path()));
            System.out.println("DONE");
        }
    }
}
