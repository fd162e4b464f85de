package dev.hearth.kernel.memory;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs in a child JVM for {@link CrashSafetyTest}: ingests a directory with the real model and
 * prints {@code COMMITTED <source>} for every file once it is reported as durably stored.
 */
public final class CrashIngestChild {

    private CrashIngestChild() {
    }

    public static void main(String[] args) {
        try (Memory memory = Memory.builder(Path.of(args[0])).build()) {
            memory.ingest(args[1], Memory.IngestOptions.DEFAULTS, new IngestListener() {
                @Override
                public void committed(List<String> sources) {
                    sources.forEach(s -> System.out.println("COMMITTED " + s));
                    System.out.flush();
                }
            }, () -> false);
            System.out.println("DONE");
        }
    }
}
