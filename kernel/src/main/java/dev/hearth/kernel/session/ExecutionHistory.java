package dev.hearth.kernel.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.kernel.cell.CellHistory;
import dev.hearth.kernel.config.HearthHome;
import dev.hearth.kernel.json.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The inputs and outputs of stored executions: this session's in memory, and every session's in
 * {@code HEARTH_HOME/history/history.jsonl} (one JSON object a line, appended), so
 * {@code history_request} can reach earlier sessions. The file is read lazily, not at start-up.
 */
public final class ExecutionHistory implements CellHistory {

    private static final System.Logger LOG = System.getLogger(ExecutionHistory.class.getName());

    /**
     * One stored execution.
     *
     * @param session the session number (1 for the first session ever)
     * @param line    the execution count
     * @param input   the cell's source
     * @param output  the plain-text result, or {@code null}
     */
    public record Entry(int session, int line, String input, String output) {
    }

    private final Path file;
    private final UnaryOperator<String> redactor;
    private boolean filePrepared;
    private final ObjectMapper json = Json.mapper();
    private List<Entry> earlier;
    private int session;
    private final List<Entry> current = new ArrayList<>();
    private final Map<Integer, Object> values = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Object> eldest) {
            return size() > KEPT_VALUES;
        }
    };
    private volatile String lastError;
    private volatile int lastFailed;
    private final Map<Integer, String> errors = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
            return size() > KEPT_VALUES;
        }
    };

    /** @param file the history file, or {@code null} to keep history in memory only */
    public ExecutionHistory(Path file) {
        this(file, UnaryOperator.identity());
    }

    /**
     * @param file     the history file, or {@code null} to keep history in memory only
     * @param redactor applied to what is written to the file (secrets masked); this session's
     *                 entries in memory stay as typed
     */
    public ExecutionHistory(Path file, UnaryOperator<String> redactor) {
        this.file = file;
        this.redactor = redactor;
    }

    private synchronized void loadEarlier() {
        if (earlier != null) {
            return;
        }
        earlier = new ArrayList<>();
        if (file != null && Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    try {
                        JsonNode node = json.readTree(line);
                        earlier.add(new Entry(node.path("session").asInt(), node.path("line").asInt(),
                                node.path("input").asText(), node.hasNonNull("output") ? node.get("output").asText() : null));
                    } catch (IOException e) {
                        // a torn last line after a crash: skip it
                    }
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot read history " + file + ": " + e.getMessage());
            }
        }
        session = earlier.stream().mapToInt(Entry::session).max().orElse(0) + 1;
    }

    /** Records a stored execution that had no result object. */
    public void record(int line, String input, String output) {
        record(line, input, output, null);
    }

    /** Records a stored execution and keeps its result object (if not null) for {@code out(n)}. */
    public synchronized void record(int line, String input, String output, Object value) {
        if (value != null) {
            values.put(line, value);
        }
        loadEarlier();
        Entry entry = new Entry(session, line, input, output);
        current.add(entry);
        if (file != null) {
            try {
                if (!filePrepared) {
                    // the history holds every cell, %config lines included: the user's alone (0700 / 0600)
                    HearthHome.createPrivateDirectories(file.getParent());
                    HearthHome.privateFile(file);
                    filePrepared = true;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("session", entry.session());
                row.put("line", entry.line());
                row.put("input", redactor.apply(entry.input()));
                row.put("output", redactor.apply(entry.output()));
                try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    out.write(json.writeValueAsString(row));
                    out.write('\n');
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot append to history " + file + ": " + e.getMessage());
            }
        }
    }

    @Override
    public synchronized Optional<Object> value(int n) {
        return Optional.ofNullable(values.get(n));
    }

    /** Records the error of the cell with execution count {@code line}, for {@code {Err}}, {@code {Err[n]}} and {@code %ai fix}. */
    public synchronized void recordError(int line, String error) {
        lastError = error;
        lastFailed = line;
        errors.put(line, error);
    }

    @Override
    public synchronized Optional<String> error(int n) {
        return Optional.ofNullable(errors.get(n));
    }

    @Override
    public java.util.OptionalInt lastFailedCell() {
        int n = lastFailed;
        return n > 0 ? java.util.OptionalInt.of(n) : java.util.OptionalInt.empty();
    }

    private synchronized List<Entry> all() {
        loadEarlier();
        List<Entry> all = new ArrayList<>(earlier);
        all.addAll(current);
        return all;
    }

    /** The last {@code n} entries of all sessions. */
    public List<Entry> tail(int n) {
        List<Entry> all = all();
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /**
     * Entries of {@code session} (0 or negative: relative to this session) with
     * {@code start <= line < stop}.
     */
    public synchronized List<Entry> range(int sessionNumber, int start, int stop) {
        loadEarlier();
        int wanted = sessionNumber <= 0 ? session + sessionNumber : sessionNumber;
        return all().stream().filter(e -> e.session() == wanted && e.line() >= start
                && (stop <= 0 || e.line() < stop)).toList();
    }

    /** Entries whose input matches the glob {@code pattern} (newest last), at most {@code n} (0: all). */
    public List<Entry> search(String pattern, int n, boolean unique) {
        Pattern regex = Pattern.compile(globToRegex(pattern), Pattern.DOTALL);
        List<Entry> matches = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        List<Entry> all = all();
        for (int i = all.size() - 1; i >= 0; i--) {
            Entry entry = all.get(i);
            if (regex.matcher(entry.input()).matches() && (!unique || !seen.contains(entry.input()))) {
                matches.add(0, entry);
                seen.add(entry.input());
                if (n > 0 && matches.size() >= n) {
                    break;
                }
            }
        }
        return matches;
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    @Override
    public synchronized Optional<String> input(int n) {
        return current.stream().filter(e -> e.line() == n).map(Entry::input).reduce((a, b) -> b);
    }

    @Override
    public synchronized Optional<String> output(int n) {
        return current.stream().filter(e -> e.line() == n).map(Entry::output)
                .filter(java.util.Objects::nonNull).reduce((a, b) -> b);
    }

    @Override
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }
}
