package dev.hearth.kernel.run;

import java.time.Duration;
import java.time.Instant;

/**
 * One {@code hearth run}, as the run history keeps it.
 *
 * @param id         unique and sortable by start: {@code yyyyMMdd-HHmmss-SSS-NAME}
 * @param notebook   the notebook run (absolute path)
 * @param started    when it started (ISO-8601 instant)
 * @param ended      when it ended (ISO-8601 instant), or {@code null} while it runs (or when it was killed)
 * @param status     {@code running}, {@code ok}, {@code failed} (a cell failed), {@code refused} (a model's side effect
 *                   was refused), {@code unchanged}
 *                   ({@code --if-changed}: same results as the last run, no output written)
 * @param failedCell the code cell that failed (from 1), or 0
 * @param failure    what the failing cell reported, or {@code null}
 * @param output     the executed notebook written, or {@code null} (none written, or pruned by {@code --keep})
 */
public record RunRecord(String id, String notebook, String started, String ended, String status, int failedCell,
                        String failure, String output) {

    /** A run that has just started. */
    static RunRecord begin(String id, String notebook, Instant now) {
        return new RunRecord(id, notebook, now.toString(), null, "running", 0, null, null);
    }

    /** This run, ended with {@code status}. */
    RunRecord ended(Instant now, String endStatus, int cell, String why, String written) {
        return new RunRecord(id, notebook, started, now.toString(), endStatus, cell, why, written);
    }

    /** This run without its output notebook (pruned). */
    RunRecord withoutOutput() {
        return new RunRecord(id, notebook, started, ended, status, failedCell, failure, null);
    }

    /** When it started. */
    Instant startedAt() {
        return Instant.parse(started);
    }

    /** How long it ran, or {@code null} while running. */
    Duration duration() {
        return ended == null ? null : Duration.between(startedAt(), Instant.parse(ended));
    }
}
