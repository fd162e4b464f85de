package dev.hearth.kernel;

import dev.hearth.kernel.actions.ActionsRoom;
import dev.hearth.kernel.ai.AiRoom;
import dev.hearth.kernel.deps.DependenciesRoom;
import dev.hearth.kernel.notes.NotesRoom;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.config.ConfigKey;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.config.HearthHome;
import dev.hearth.kernel.config.SecretRedactor;
import dev.hearth.kernel.eval.JShellEvaluator;
import dev.hearth.kernel.interpreter.CellRunner;
import dev.hearth.kernel.interpreter.HearthInterpreter;
import dev.hearth.kernel.magic.BuiltinMagicsRoom;
import dev.hearth.kernel.magic.MagicRegistry;
import dev.hearth.kernel.mcp.McpRoom;
import dev.hearth.kernel.memory.MemoryRoom;
import dev.hearth.kernel.render.RenderRegistry;
import dev.hearth.kernel.render.RenderRoom;
import dev.hearth.kernel.room.Room;
import dev.hearth.kernel.room.SessionRooms;
import dev.hearth.kernel.runtime.RuntimeRoom;
import dev.hearth.kernel.session.ExecutionHistory;
import dev.hearth.kernel.session.KernelHandlers;

import java.util.List;

/**
 * The composition root: builds every service of a kernel session once, from one
 * {@link HearthConfig}, as an ordered list of {@link Room}s. The network side (transport,
 * dispatcher) is added by {@link Main}; the headless runner uses the same wiring without it.
 */
public final class Wiring implements AutoCloseable {

    /** Largest incoming message, all frames together. */
    public static final ConfigKey MAX_MESSAGE_BYTES = ConfigKey.of("max.message.bytes",
            "largest message the kernel accepts, in bytes", String.valueOf(64L * 1024 * 1024));
    /** Kernel log level. */
    public static final ConfigKey LOG_LEVEL = ConfigKey.of("log.level",
            "kernel log level on stderr: ERROR, WARNING, INFO or DEBUG", "WARNING");

    /** The rooms, in installation order: a room may use what the rooms before it offered. */
    static List<Room> rooms() {
        return List.of(new BuiltinMagicsRoom(), new RenderRoom(), new RuntimeRoom(), new DependenciesRoom(), new MemoryRoom(), new McpRoom(),
                new ActionsRoom(KernelHandlers.VERSION), new AiRoom(), new NotesRoom());
    }

    private final HearthConfig config;
    private final JShellEvaluator evaluator;
    private final ExecutionHistory history;
    private final SessionRooms rooms;
    private final HearthInterpreter interpreter;

    private Wiring(HearthConfig config, CellScope cells) {
        this.config = config;
        config.declare(MAX_MESSAGE_BYTES).declare(LOG_LEVEL).declare(dev.hearth.kernel.cell.StreamBudget.LIMIT);
        try {
            HearthHome.secure(config.home()); // 0700: what rooms keep there is the user's alone
        } catch (java.io.IOException e) {
            System.getLogger(Wiring.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot create or protect the Hearth home " + config.home() + ": " + e);
        }
        this.evaluator = JShellEvaluator.start(List.of("import static dev.hearth.kernel.runtime.Cells.*;",
                "import dev.hearth.api.chart.Chart;"));
        MagicRegistry magics = new MagicRegistry();
        // configured secrets never reach the history file or a cell's error
        SecretRedactor redactor = new SecretRedactor(config);
        CellRunner runner = new CellRunner(evaluator, magics, redactor);
        this.history = new ExecutionHistory(config.home().resolve("history").resolve("history.jsonl"), redactor);
        this.rooms = new SessionRooms(config, cells, evaluator, history, runner, magics).install(rooms());
        this.interpreter = new HearthInterpreter(runner, evaluator, magics, history, cells,
                rooms.service(RenderRegistry.class));
    }

    /**
     * Builds the services for {@code config}; JShell starts warming up in the background at once.
     *
     * @param cells the session's running cell, shared with the standard streams ({@code CellStreams})
     */
    public static Wiring create(HearthConfig config, CellScope cells) {
        return new Wiring(config, cells);
    }

    /** What the session's requests are served by. */
    public HearthInterpreter interpreter() {
        return interpreter;
    }

    /** What a room offered under {@code kind} (the {@code Memory}, {@code Ai} or {@code ActionRegistry} service). */
    public <T> T service(Class<T> kind) {
        return rooms.service(kind);
    }

    public HearthConfig config() {
        return config;
    }

    public JShellEvaluator evaluator() {
        return evaluator;
    }

    public ExecutionHistory history() {
        return history;
    }

    @Override
    public void close() {
        rooms.close();
        evaluator.close();
    }
}
