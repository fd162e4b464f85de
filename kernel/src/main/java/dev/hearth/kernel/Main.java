package dev.hearth.kernel;

import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.cell.StreamBudget;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.interpreter.HearthInterpreter;
import dev.hearth.kernel.eval.CellStreams;
import dev.hearth.kernel.protocol.Message;
import dev.hearth.kernel.protocol.MessageFactory;
import dev.hearth.kernel.protocol.Signer;
import dev.hearth.kernel.protocol.WireCodec;
import dev.hearth.kernel.run.HearthCommand;
import dev.hearth.kernel.session.Dispatcher;
import dev.hearth.kernel.session.Kernel;
import dev.hearth.kernel.session.KernelHandlers;
import dev.hearth.kernel.session.KernelIo;
import dev.hearth.kernel.transport.Channel;
import dev.hearth.kernel.transport.ConnectionInfo;
import dev.hearth.kernel.transport.Transport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/** {@code java -jar hearth-kernel.jar CONNECTION_FILE}: the Jupyter kernel process. */
public final class Main {

    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    /**
     * {@code hearth CONNECTION_FILE} serves Jupyter; anything else is the command line
     * ({@code hearth run NOTEBOOK}, {@code hearth mcp}, {@code hearth --help}).
     */
    public static void main(String[] args) throws Exception {
        // A connection file (Jupyter names them kernel-*.json) skips building the command line's
        // model: picocli's reflection cost every kernel start ~0.2 s before its sockets were bound.
        if (args.length == 1 && !args[0].startsWith("-")
                && (args[0].endsWith(".json") || !HearthCommand.isSubcommand(args[0]))) {
            System.exit(runKernel(Path.of(args[0])));
        }
        // Native libraries (models) may keep non-daemon threads alive: exit explicitly.
        System.exit(HearthCommand.execute(args));
    }

    /** Serves one kernel session until shutdown; returns the exit code. */
    static int runKernel(Path connectionFile) throws IOException, InterruptedException {
        HearthConfig config = HearthConfig.load();
        CellScope cells = new CellScope();
        PrintStream log = CellStreams.install(cells);
        configureLogging(log, config.value(Wiring.LOG_LEVEL));
        ConnectionInfo connection;
        try {
            connection = ConnectionInfo.read(connectionFile);
        } catch (IOException e) {
            log.println("hearth: cannot read connection file " + connectionFile + ": " + e.getMessage());
            return 2;
        }
        long maxBytes = config.longValue(Wiring.MAX_MESSAGE_BYTES);
        WireCodec codec = new WireCodec(Signer.create(connection.signatureScheme(), connection.key()), maxBytes);
        MessageFactory messages = new MessageFactory(connectionFile.getFileName().toString()
                .replaceFirst("^kernel-", "").replaceFirst("\\.json$", ""));
        // The session (JShell, rooms) is built once the transport answers kernel_info, not before:
        // on a small machine building it alongside would slow the handshake down.
        CompletableFuture<Wiring> wiring = new CompletableFuture<>();
        Thread wiringThread = new Thread(() -> {
            try {
                wiring.complete(Wiring.create(config, cells));
            } catch (RuntimeException | Error e) {
                wiring.completeExceptionally(e);
            }
        }, "hearth-wiring");
        wiringThread.setDaemon(true);
        CompletableFuture<HearthInterpreter> interpreter = wiring.thenApply(Wiring::interpreter);
        wiring.exceptionally(e -> {
            LOG.log(System.Logger.Level.ERROR, "the kernel session failed to start", e);
            return null;
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Dispatcher dispatcher = new Dispatcher();
        TransportIo io = new TransportIo(messages);
        Kernel kernel = new Kernel(io, dispatcher, () -> interpreter.isDone() && !interpreter.isCompletedExceptionally()
                ? interpreter.join() : null, stopped::countDown);
        kernel.streamLimit(() -> config.getLong(StreamBudget.LIMIT.name(), StreamBudget.DEFAULT_LIMIT));
        KernelHandlers.install(dispatcher, kernel, interpreter);
        Transport transport = new Transport(connection, codec, maxBytes, (channel, message) -> {
            if (wiring.isDone() && !wiring.isCompletedExceptionally()) {
                wiring.join().evaluator().requestArrived(); // background work waits for a quiet moment
            }
            if (channel == Channel.STDIN) {
                io.inputReply(message);
            } else {
                kernel.accept(channel == Channel.CONTROL, message);
            }
        });
        transport.onRefused((channel, request, reason) -> kernel.refuse(channel == Channel.CONTROL, request, reason));
        io.transport = transport;
        transport.start();
        kernel.start();
        wiringThread.start();
        exitWhenParentDies(stopped);
        stopped.await();
        // Answered shutdown: leave promptly even if something hangs in close.
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
            Runtime.getRuntime().halt(0);
        }, "hearth-exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        transport.close(300);
        if (wiring.isDone() && !wiring.isCompletedExceptionally()) {
            wiring.join().close();
        }
        return 0;
    }

    private static void exitWhenParentDies(CountDownLatch stopped) {
        Optional<ProcessHandle> parent = Optional.ofNullable(System.getenv("JPY_PARENT_PID"))
                .flatMap(pid -> {
                    try {
                        return ProcessHandle.of(Long.parseLong(pid.strip()));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                })
                .or(() -> ProcessHandle.current().parent());
        parent.ifPresent(p -> p.onExit().thenRun(() -> {
            LOG.log(System.Logger.Level.WARNING, "parent process " + p.pid() + " exited; shutting down");
            stopped.countDown();
        }));
    }

    private static void configureLogging(PrintStream log, String level) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "[hearth %4$s] %5$s%6$s%n");
        Logger root = Logger.getLogger("");
        for (var handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Level parsed;
        try {
            parsed = switch (level.toUpperCase(java.util.Locale.ROOT)) {
                case "DEBUG" -> Level.FINE;
                case "ERROR" -> Level.SEVERE;
                default -> Level.parse(level.toUpperCase(java.util.Locale.ROOT));
            };
        } catch (IllegalArgumentException e) {
            parsed = Level.WARNING;
        }
        // Not ConsoleHandler: it would grab (and later close) System.err, which now belongs to cells.
        StreamHandler handler = new StreamHandler(log, new SimpleFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(parsed);
        handler.setFilter(new LogNoise(handler::getLevel));
        root.addHandler(handler);
        root.setLevel(parsed);
    }

    /** Connects the session to the transport. */
    private static final class TransportIo implements KernelIo {
        private final MessageFactory messages;
        private volatile Transport transport;
        private volatile CompletableFuture<String> pendingInput;

        TransportIo(MessageFactory messages) {
            this.messages = messages;
        }

        @Override
        public void publish(Message parent, String msgType, Map<String, Object> content) {
            transport.send(Channel.IOPUB, messages.broadcast(parent == null ? Map.of() : parent.header(), msgType, content));
        }

        @Override
        public void reply(Message request, boolean control, String msgType, Map<String, Object> content) {
            transport.send(control ? Channel.CONTROL : Channel.SHELL, messages.reply(request, msgType, content));
        }

        @Override
        public void requestInput(Message request, String prompt, boolean password, CompletableFuture<String> answer) {
            pendingInput = answer;
            transport.send(Channel.STDIN, messages.toRequester(request, "input_request",
                    Map.of("prompt", prompt, "password", password)));
        }

        void inputReply(Message message) {
            CompletableFuture<String> answer = pendingInput;
            if ("input_reply".equals(message.msgType()) && answer != null) {
                answer.complete(message.string("value", ""));
            }
        }
    }
}
