package dev.hearth.kernel.room;

import dev.hearth.kernel.cell.CellHistory;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.config.ConfigKey;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.eval.JShellEvaluator;
import dev.hearth.kernel.magic.CodeRunner;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.MagicRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rooms of one session: installs them in order as their {@link RoomContext}, then prepares
 * the Java session with what they bound and closes what they handed over.
 */
public final class SessionRooms implements RoomContext, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SessionRooms.class.getName());

    private final HearthConfig config;
    private final CellScope cells;
    private final JShellEvaluator evaluator;
    private final CellHistory history;
    private final CodeRunner codeRunner;
    private final MagicRegistry magics;
    private final List<JShellEvaluator.Binding> bindings = new ArrayList<>();
    private final List<String> cellSource = new ArrayList<>();
    private final Map<Class<?>, List<Object>> offers = new LinkedHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** A session about to receive its rooms. */
    public SessionRooms(HearthConfig config, CellScope cells, JShellEvaluator evaluator, CellHistory history,
                        CodeRunner codeRunner, MagicRegistry magics) {
        this.config = config;
        this.cells = cells;
        this.evaluator = evaluator;
        this.history = history;
        this.codeRunner = codeRunner;
        this.magics = magics;
    }

    /** Installs {@code rooms} in order, then declares their bindings in the Java session (in the background). */
    public SessionRooms install(List<Room> rooms) {
        rooms.forEach(room -> room.install(this));
        evaluator.prepare(List.copyOf(bindings), List.copyOf(cellSource));
        return this;
    }

    @Override
    public HearthConfig config() {
        return config;
    }

    @Override
    public CellScope cells() {
        return cells;
    }

    @Override
    public JShellEvaluator evaluator() {
        return evaluator;
    }

    @Override
    public CellHistory history() {
        return history;
    }

    @Override
    public CodeRunner codeRunner() {
        return codeRunner;
    }

    @Override
    public MagicRegistry magics() {
        return magics;
    }

    @Override
    public RoomContext declare(ConfigKey... keys) {
        for (ConfigKey key : keys) {
            config.declare(key);
        }
        return this;
    }

    @Override
    public RoomContext magic(Magic... added) {
        for (Magic magic : added) {
            magics.register(magic);
        }
        return this;
    }

    @Override
    public <T> RoomContext bind(String name, Class<T> type, T value) {
        bindings.add(new JShellEvaluator.Binding(name, type.getCanonicalName(), value));
        return this;
    }

    @Override
    public RoomContext declareInCells(String javaSource) {
        cellSource.add(javaSource);
        return this;
    }

    @Override
    public <T> RoomContext offer(Class<T> kind, T contribution) {
        offers.computeIfAbsent(kind, k -> new ArrayList<>()).add(kind.cast(contribution));
        return this;
    }

    @Override
    public <T> List<T> offered(Class<T> kind) {
        return offers.getOrDefault(kind, List.of()).stream().map(kind::cast).toList();
    }

    @Override
    public RoomContext closeAtShutdown(AutoCloseable resource) {
        closeables.add(resource);
        return this;
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "close failed: " + e);
            }
        }
    }
}
