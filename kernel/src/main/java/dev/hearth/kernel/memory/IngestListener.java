package dev.hearth.kernel.memory;

import java.util.List;

/** Hears about an ingest as it runs (progress bar, logs, crash tests). */
public interface IngestListener {

    /** Called after each batch and at the end. */
    default void progress(IngestProgress progress) {
    }

    /** Called once the chunks of {@code sources} are durably stored and recorded in the manifest. */
    default void committed(List<String> sources) {
    }

    /** A listener that ignores everything. */
    IngestListener NONE = new IngestListener() {
    };
}
