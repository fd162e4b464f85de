package dev.hearth.kernel;

import dev.hearth.kernel.actions.ActMagic;
import dev.hearth.kernel.actions.ActionRegistry;
import dev.hearth.kernel.actions.ActionsFacade;
import dev.hearth.kernel.actions.ActionsMagic;
import dev.hearth.kernel.actions.PluginsMagic;
import dev.hearth.kernel.ai.Ai;
import dev.hearth.kernel.ai.AiMagics;
import dev.hearth.kernel.ai.ActionToolHook;
import dev.hearth.kernel.ai.AiService;
import dev.hearth.kernel.ai.MemorySource;
import dev.hearth.kernel.actions.ActionTools;
import dev.hearth.kernel.ai.ChatStore;
import dev.hearth.kernel.ai.ModelRegistry;
import dev.hearth.kernel.ai.Patterns;

import dev.hearth.kernel.config.ConfigKey;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.config.HearthHome;
import dev.hearth.kernel.config.SecretRedactor;
import dev.hearth.kernel.eval.JShellEvaluator;
import dev.hearth.kernel.magic.ClasspathMagic;
import dev.hearth.kernel.magic.ConfigMagic;
import dev.hearth.kernel.magic.HelpMagic;
import dev.hearth.kernel.magic.MagicRegistry;
import dev.hearth.kernel.magic.TimeMagic;
import dev.hearth.kernel.memory.Memory;
import dev.hearth.kernel.memory.MemoryRoom;
import dev.hearth.kernel.session.CellRunner;
import dev.hearth.kernel.session.ExecutionHistory;
import dev.hearth.kernel.session.KernelHandlers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The composition root: builds every service of a kernel session once, from one
 * {@link HearthConfig}. The network side (transport, dispatcher) is added by {@link Main}; the
 * headless runner uses the same wiring without it.
 */
public final class Wiring implements AutoCloseable {

    /** Largest incoming message, all frames together. */
    public static final ConfigKey MAX_MESSAGE_BYTES = ConfigKey.of("max.message.bytes",
            "largest message the kernel accepts, in bytes", String.valueOf(64L * 1024 * 1024));
    /** Kernel log level. */
    public static final ConfigKey LOG_LEVEL = ConfigKey.of("log.level",
            "kernel log level on stderr: ERROR, WARNING, INFO or DEBUG", "WARNING");

    private final HearthConfig config;
    private final JShellEvaluator evaluator;
    private final MagicRegistry magics;
    private final CellRunner runner;
    private final ExecutionHistory history;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final MemoryRoom memoryRoom;
    private Ai ai;

    private Wiring(HearthConfig config) {
        this.config = config;
        config.declare(MAX_MESSAGE_BYTES).declare(LOG_LEVEL);
        try {
            HearthHome.createPrivateDirectories(config.home()); // 0700: what rooms keep there is the user's alone
        } catch (java.io.IOException e) {
            System.getLogger(Wiring.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot create the Hearth home " + config.home() + ": " + e);
        }
        // room: memory (built before JShell so the `memory` variable is declared by a start-up snippet)
        this.memoryRoom = MemoryRoom.create(config);
        closeables.add(memoryRoom);
        // end room: memory
        this.evaluator = JShellEvaluator.start(List.of("import static dev.hearth.kernel.runtime.Cells.*;",
                memoryRoom.startupSnippet()));
        this.magics = new MagicRegistry();
        // configured secrets never reach the history file or a cell's error
        SecretRedactor redactor = new SecretRedactor(config);
        this.runner = new CellRunner(evaluator, magics, redactor);
        this.history = new ExecutionHistory(config.home().resolve("history").resolve("history.jsonl"), redactor);
        dev.hearth.kernel.runtime.Cells.useHistory(history);
        magics.register(HelpMagic.help(magics))
                .register(HelpMagic.lsmagic(magics))
                .register(new TimeMagic(runner))
                .register(new ConfigMagic(config))
                .register(new ClasspathMagic(evaluator));
        registerRooms();
    }

    /** Builds the services for {@code config}; JShell starts warming up in the background at once. */
    public static Wiring create(HearthConfig config) {
        return new Wiring(config);
    }

    private void registerRooms() {
        // Rooms (ai, memory, actions) register their magics and runtime objects here.
        // room: memory
        memoryRoom.registerMagics(magics, evaluator);
        // end room: memory
        // room: actions
        ActionRegistry actionRegistry = ActionRegistry.create(config, KernelHandlers.VERSION);
        closeables.add(actionRegistry);
        ActionsFacade.install(actionRegistry);
        this.actions = actionRegistry;
        magics.register(new PluginsMagic(actionRegistry))
                .register(new ActionsMagic(actionRegistry))
                .register(new ActMagic(actionRegistry, evaluator));
        actionRegistry.warmUpInBackground();
        // end room: actions
        // room: ai
        ModelRegistry models = ModelRegistry.builder(config).build();
        // --memory and --tools: the AI room reads notes from memory and calls actions as tools
        AiService aiService = AiService.builder(models)
                .source(new MemorySource(memoryRoom.memory()))
                .tools(new ActionToolHook(new ActionTools(actionRegistry)))
                .build();
        ai = new Ai(aiService, new ChatStore(config.home().resolve("chats")),
                Patterns.standard(config.home(), Path.of(System.getProperty("user.home"))));
        new AiMagics(ai, evaluator, history).all().forEach(magics::register);
        dev.hearth.kernel.runtime.Cells.ai = ai;
        closeables.add(aiService);
        closeables.add(models);
        // /room: ai
    }

    /** The memory service ({@code %memory}, {@code %recall}, the {@code memory} variable of cells). */
    public Memory memory() {
        return memoryRoom.memory();
    }

    /** The {@code ai} object of cells (room: ai). */
    public Ai ai() {
        return ai;
    }

    // room: actions
    private ActionRegistry actions;

    /** The action registry (plugins and their actions). */
    public ActionRegistry actions() {
        return actions;
    }
    // end room: actions

    public HearthConfig config() {
        return config;
    }

    public JShellEvaluator evaluator() {
        return evaluator;
    }

    public MagicRegistry magics() {
        return magics;
    }

    public CellRunner runner() {
        return runner;
    }

    public ExecutionHistory history() {
        return history;
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.getLogger(Wiring.class.getName()).log(System.Logger.Level.WARNING, "close failed: " + e);
            }
        }
        evaluator.close();
    }
}
