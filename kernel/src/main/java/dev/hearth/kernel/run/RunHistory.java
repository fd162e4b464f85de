package dev.hearth.kernel.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.api.AtomicFiles;
import dev.hearth.kernel.config.HearthHome;
import dev.hearth.kernel.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The record of every {@code hearth run}: one small JSON file per run in {@code HEARTH_HOME/runs/},
 * written when the run starts and again when it ends, so a killed run still shows as
 * {@code running} with its start time. {@code hearth runs} reads them.
 */
public final class RunHistory {

    private static final ObjectMapper JSON = Json.mapper();
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path dir;

    /** The history kept in {@code dir} (usually {@code HEARTH_HOME/runs}). */
    public RunHistory(Path dir) {
        this.dir = dir;
    }

    /** Records that {@code notebook} starts now. */
    public RunRecord start(Path notebook) throws IOException {
        HearthHome.createPrivateDirectories(dir); // the first thing a run creates in a new Hearth home
        Instant now = Instant.now();
        String name = notebook.getFileName().toString().replaceFirst("\\.ipynb$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        String id = ID_TIME.format(now) + "-" + name;
        for (int n = 2; Files.exists(file(id)); n++) {
            id = ID_TIME.format(now) + "-" + name + "-" + n;
        }
        RunRecord record = RunRecord.begin(id, notebook.toAbsolutePath().normalize().toString(), now);
        save(record);
        return record;
    }

    /** Writes {@code record} (replacing the earlier state of the same run). */
    public void save(RunRecord record) throws IOException {
        AtomicFiles.write(file(record.id()), (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Every run of {@code notebook} (or of every notebook when {@code null}), oldest first; unreadable records are skipped. */
    public List<RunRecord> list(Path notebook) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        String wanted = notebook == null ? null : notebook.toAbsolutePath().normalize().toString();
        List<RunRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    RunRecord r = JSON.readValue(f.toFile(), RunRecord.class);
                    r.startedAt();
                    if (wanted == null || wanted.equals(r.notebook())) {
                        records.add(r);
                    }
                } catch (IOException | RuntimeException e) {
                    // a damaged record hides one line of history, never the rest
                }
            }
        }
        records.sort(Comparator.comparing(RunRecord::startedAt).thenComparing(RunRecord::id));
        return records;
    }

    /** The latest run of {@code notebook} that left an output notebook that still exists (other than {@code except}). */
    public Optional<RunRecord> lastWithOutput(Path notebook, String except) throws IOException {
        List<RunRecord> runs = list(notebook);
        for (int i = runs.size() - 1; i >= 0; i--) {
            RunRecord r = runs.get(i);
            if (!r.id().equals(except) && r.output() != null && Files.isRegularFile(Path.of(r.output()))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * Deletes the output notebooks of {@code notebook}'s runs except the newest {@code keep} (only
     * files a run recorded as its output; an output several runs share is kept while a kept run
     * names it).
     *
     * @return the files deleted
     */
    public List<Path> prune(Path notebook, int keep) throws IOException {
        List<RunRecord> withOutput = list(notebook).stream().filter(r -> r.output() != null).toList();
        List<RunRecord> kept = withOutput.subList(Math.max(0, withOutput.size() - keep), withOutput.size());
        List<String> keptFiles = kept.stream().map(RunRecord::output).toList();
        List<Path> deleted = new ArrayList<>();
        for (RunRecord old : withOutput.subList(0, withOutput.size() - kept.size())) {
            if (!keptFiles.contains(old.output())) {
                Path output = Path.of(old.output());
                if (Files.deleteIfExists(output)) {
                    deleted.add(output);
                }
            }
            save(old.withoutOutput());
        }
        return deleted;
    }

    private Path file(String id) {
        return dir.resolve(id + ".json");
    }
}
