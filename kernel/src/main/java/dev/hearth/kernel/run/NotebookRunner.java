package dev.hearth.kernel.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.api.AtomicFiles;
import dev.hearth.kernel.json.Json;
import dev.hearth.kernel.eval.CellFailure;
import dev.hearth.kernel.interpreter.Interpreter;
import dev.hearth.kernel.session.Kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Runs every code cell of a notebook in-process (no Jupyter, no Python) and produces the executed
 * notebook: nbformat 4 with outputs and execution counts, as {@code jupyter nbconvert --execute}
 * would. Stops at the first failing cell.
 */
public final class NotebookRunner {

    /**
     * The outcome of a run.
     *
     * @param notebook    the executed notebook (nbformat 4 as JSON maps)
     * @param failedCell  the index (from 1, code cells only) of the cell that failed, or 0
     * @param failure     what the failing cell reported, or {@code null}
     */
    public record Result(Map<String, Object> notebook, int failedCell, String failure) {
        /** Whether every cell ran without error. */
        public boolean ok() {
            return failedCell == 0;
        }
    }

    private static final ObjectMapper JSON = Json.mapper();

    private final Interpreter interpreter;
    private final Duration cellTimeout;
    private final PrintStream progress;
    private final UnaryOperator<String> redactor;

    /** A runner whose progress lines show the cells as written. */
    public NotebookRunner(Interpreter interpreter, Duration cellTimeout, PrintStream progress) {
        this(interpreter, cellTimeout, progress, UnaryOperator.identity());
    }

    /**
     * @param interpreter runs each cell and records it like the kernel does (for {@code {In[n]}} and {@code {Out[n]}})
     * @param cellTimeout the longest one cell may run, or {@code null} for no limit
     * @param progress    where a line per cell goes (stderr, so cron mails and the journal: no secrets)
     * @param redactor    masks secrets in the cell text of the progress line
     */
    public NotebookRunner(Interpreter interpreter, Duration cellTimeout, PrintStream progress,
                          UnaryOperator<String> redactor) {
        this.interpreter = interpreter;
        this.cellTimeout = cellTimeout;
        this.progress = progress;
        this.redactor = redactor;
    }

    /** Reads an {@code .ipynb} file. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path notebook) throws IOException {
        Map<String, Object> json;
        try {
            json = JSON.readValue(notebook.toFile(), Map.class);
        } catch (IOException e) {
            throw new IOException(notebook + " is not a notebook (invalid JSON: " + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (!(json.get("cells") instanceof List) || !Integer.valueOf(4).equals(json.get("nbformat"))) {
            throw new IOException(notebook + " is not an nbformat 4 notebook");
        }
        return json;
    }

    /** Writes {@code notebook} to {@code target} atomically (a temp file, then a move). */
    public static void write(Map<String, Object> notebook, Path target) throws IOException {
        AtomicFiles.write(target, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(notebook) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Runs {@code notebook} (a copy is returned; the argument is not changed) with {@code parameters} injected. */
    @SuppressWarnings("unchecked")
    public Result run(Map<String, Object> notebook, Map<String, String> parameters) {
        Map<String, Object> executed = deepCopy(notebook);
        List<Map<String, Object>> cells = (List<Map<String, Object>>) executed.get("cells");
        if (!parameters.isEmpty()) {
            injectParameters(cells, parameters);
        }
        List<Map<String, Object>> codeCells = cells.stream().filter(c -> "code".equals(c.get("cell_type"))).toList();
        int count = 0;
        for (Map<String, Object> cell : codeCells) {
            cell.put("outputs", new ArrayList<>());
            cell.put("execution_count", null);
        }
        for (Map<String, Object> cell : codeCells) {
            String source = source(cell.get("source"));
            int index = ++count;
            cell.put("execution_count", index);
            long start = System.nanoTime();
            RecordingContext ctx = new RecordingContext();
            String failure = runCell(source, index, ctx);
            cell.put("outputs", ctx.outputs());
            double seconds = (System.nanoTime() - start) / 1e9;
            String firstLine = redactor.apply(source).strip().lines().findFirst().orElse("");
            progress.printf(Locale.ROOT, "[%d/%d] %-60.60s %s %.1fs%n", index, codeCells.size(), firstLine,
                    failure == null ? "ok" : "FAILED", seconds);
            if (failure != null) {
                return new Result(executed, index, failure);
            }
        }
        return new Result(executed, 0, null);
    }

    private String runCell(String source, int index, RecordingContext ctx) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "hearth-run-cell-" + index);
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Interpreter.Executed> future = worker.submit(() -> interpreter.execute(index, source, true, ctx));
            Interpreter.Executed outcome;
            try {
                outcome = cellTimeout == null ? future.get() : future.get(cellTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                ctx.cancel();
                interpreter.interrupt();
                try {
                    future.get(10, TimeUnit.SECONDS);
                } catch (Exception ignoredToo) {
                    // the cell is reported as timed out either way
                }
                return fail(ctx, source, index, CellFailure.of("Timeout", "cell " + index + " ran longer than "
                        + cellTimeout.toSeconds() + " s (raise --timeout)"));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CellFailure failure) {
                    return fail(ctx, failure); // the interpreter has recorded it
                }
                return fail(ctx, source, index, CellFailure.of(e.getCause().getClass().getSimpleName(),
                        String.valueOf(e.getCause().getMessage())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail(ctx, source, index, CellFailure.interrupted());
            }
            if (outcome.result() != null) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("output_type", "execute_result");
                result.putAll(Kernel.executeResult(index, outcome.result()));
                ctx.add(result);
            }
            if (outcome.page() != null) {
                ctx.add(Map.of("output_type", "display_data", "data", Map.of("text/plain", outcome.page()),
                        "metadata", Map.of()));
            }
            return null;
        } finally {
            worker.shutdownNow();
        }
    }

    /** Shows a failure the interpreter did not see (a timeout, an unexpected error) and records it. */
    private String fail(RecordingContext ctx, String source, int index, CellFailure failure) {
        interpreter.history().record(index, source, null);
        interpreter.history().recordError(index, String.join("\n", failure.traceback()));
        return fail(ctx, failure);
    }

    private static String fail(RecordingContext ctx, CellFailure failure) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("output_type", "error");
        error.putAll(Kernel.errorContent(failure));
        ctx.add(error);
        return failure.errorName() + ": " + failure.errorValue();
    }

    @SuppressWarnings("unchecked")
    private static void injectParameters(List<Map<String, Object>> cells, Map<String, String> parameters) {
        int at = 0;
        for (int i = 0; i < cells.size(); i++) {
            Object metadata = cells.get(i).get("metadata");
            if (metadata instanceof Map<?, ?> m && m.get("tags") instanceof List<?> tags && tags.contains("parameters")) {
                at = i + 1;
                break;
            }
        }
        Map<String, Object> injected = new LinkedHashMap<>();
        injected.put("cell_type", "code");
        injected.put("execution_count", null);
        injected.put("metadata", new LinkedHashMap<>(Map.of("tags", List.of("injected-parameters"))));
        injected.put("outputs", new ArrayList<>());
        injected.put("source", Parameters.toJava(parameters));
        cells.add(at, injected);
    }

    private static String source(Object source) {
        if (source instanceof List<?> lines) {
            StringBuilder text = new StringBuilder();
            lines.forEach(text::append);
            return text.toString();
        }
        return source == null ? "" : source.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> notebook) {
        return JSON.convertValue(notebook, Map.class);
    }
}
