package dev.hearth.kernel.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.api.ActionCancelledException;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionResult;
import dev.hearth.api.Cancellation;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One configured MCP server and its connection: started at first use (the process, the MCP
 * handshake and the tool list, within the start time limit), and started again at the next use
 * after it failed, crashed or hung. Every wait on it can be interrupted through the call's
 * {@link Cancellation}; a failure is reported with the tail of the server's stderr.
 */
final class McpServer implements AutoCloseable {

    /** Where a server is in its life. */
    enum State { NOT_STARTED, RUNNING, FAILED, STOPPED }

    /** The live side of a started server. */
    private record Connection(McpClient client, McpTransport transport, List<McpTool> tools) {
        Process process() {
            return transport instanceof StdioMcpTransport stdio ? stdio.getProcess() : null;
        }

        boolean died() {
            Process p = process();
            return p != null && !p.isAlive();
        }
    }

    private static final System.Logger LOG = System.getLogger(McpServer.class.getName());
    static final Duration LISTING_RETRY = Duration.ofSeconds(60);

    private final McpServerConfig config;
    private final McpTimeouts timeouts;
    private final Path stderrFile;
    private final ExecutorService workers;
    private volatile State state = State.NOT_STARTED;
    private volatile String problem;
    private volatile Connection connection;
    private volatile long failedAt;

    McpServer(McpServerConfig config, McpTimeouts timeouts, Path stderrFile, ExecutorService workers) {
        this.config = config;
        this.timeouts = timeouts;
        this.stderrFile = stderrFile;
        this.workers = workers;
    }

    McpServerConfig config() {
        return config;
    }

    State state() {
        Connection c = connection;
        return state == State.RUNNING && c != null && c.died() ? State.FAILED : state;
    }

    /** Why the server last failed, with its stderr tail; null when it did not. */
    String problem() {
        Connection c = connection;
        if (state == State.RUNNING && c != null && c.died()) {
            return "exited (code " + c.process().exitValue() + ")" + stderrTail();
        }
        return problem;
    }

    /** The tools, when the server is running (no start). */
    List<McpTool> knownTools() {
        Connection c = connection;
        return c == null || state != State.RUNNING ? List.of() : c.tools();
    }

    /**
     * The server's tools, starting it if needed.
     *
     * @throws ActionException saying why it could not start
     */
    List<McpTool> tools(Cancellation cancellation) {
        return connect(cancellation).tools();
    }

    /**
     * The tools for a listing ({@code %actions}, a model's tool list): like {@link #tools}, but a
     * server that failed less than {@link #LISTING_RETRY} ago is not started again for a mere
     * listing (a call of one of its tools still is), so a broken server cannot slow every listing.
     */
    List<McpTool> toolsForListing(Cancellation cancellation) {
        if (state == State.FAILED && System.nanoTime() - failedAt < LISTING_RETRY.toNanos()) {
            return List.of();
        }
        return tools(cancellation);
    }

    /**
     * Calls {@code tool} with {@code arguments}.
     *
     * @throws ActionException when the server cannot start, crashes, hangs or reports an error
     * @throws ActionCancelledException when the call is interrupted
     */
    ActionResult call(McpTool tool, ObjectNode arguments, Cancellation cancellation) {
        Connection c = connect(cancellation);
        String action = tool.spec().name();
        ToolExecutionRequest request = ToolExecutionRequest.builder().name(tool.toolName())
                .arguments(arguments.toString()).build();
        Future<JsonNode> work = workers.submit(() -> RawResults.of(() -> c.client().executeTool(request)));
        try {
            return McpResults.toActionResult(action, Waiting.await(work, timeouts.call(), cancellation, c::died));
        } catch (Waiting.Stopped stopped) {
            switch (stopped.reason()) {
                case CANCELLED:
                    throw new ActionCancelledException(action);
                case DIED:
                    fail(c, "exited (code " + c.process().exitValue() + ") during " + action + stderrTail());
                    throw new ActionException("MCP server " + config.name() + " " + problem
                            + "\nIt starts again at the next call.");
                case TIMED_OUT:
                    fail(c, "did not answer " + action + " within " + timeouts.call().toSeconds()
                            + " s (mcp.timeout.call); it was stopped");
                    throw new ActionException("MCP server " + config.name() + " " + problem
                            + " and starts again at the next call.");
                default:
                    if (rootCause(stopped.getCause()) instanceof java.io.IOException) {
                        fail(c, "lost its connection during " + action + ": " + message(stopped.getCause()));
                        throw new ActionException("MCP server " + config.name() + " " + problem
                                + "; it connects again at the next call.", stopped.getCause());
                    }
                    throw new ActionException(action + " failed: " + message(stopped.getCause()), stopped.getCause());
            }
        }
    }

    private synchronized Connection connect(Cancellation cancellation) {
        Connection current = connection;
        if (current != null && state == State.RUNNING && !current.died()) {
            return current;
        }
        if (current != null) {
            fail(current, problem());
        }
        McpTransport transport = transport();
        Future<Connection> work = workers.submit(() -> open(transport));
        try {
            Connection started = Waiting.await(work, timeouts.start(), cancellation, () -> {
                Process p = transport instanceof StdioMcpTransport stdio ? stdio.getProcess() : null;
                return p != null && !p.isAlive();
            });
            connection = started;
            state = State.RUNNING;
            problem = null;
            return started;
        } catch (Waiting.Stopped stopped) {
            closeQuietly(transport);
            String why = switch (stopped.reason()) {
                case CANCELLED -> "was interrupted while starting";
                case TIMED_OUT -> "did not start within " + timeouts.start().toSeconds() + " s (mcp.timeout.start)";
                case DIED -> "exited at start" + exitCode(transport);
                default -> "failed to start: " + message(stopped.getCause());
            };
            state = State.FAILED;
            failedAt = System.nanoTime();
            problem = why + stderrTail();
            if (stopped.reason() == Waiting.Reason.CANCELLED) {
                throw new ActionCancelledException(config.namespace() + " (starting MCP server " + config.name() + ")");
            }
            throw new ActionException("MCP server " + config.name() + " " + problem
                    + "\n%mcp list shows it; %mcp restart " + config.name() + " tries again.");
        }
    }

    private Connection open(McpTransport transport) {
        McpClient client = new DefaultMcpClient.Builder()
                .key(config.name())
                .clientName("hearth")
                .transport(transport)
                .initializationTimeout(timeouts.start().plusSeconds(5)) // Hearth's own limit ends the wait first
                .toolExecutionTimeout(timeouts.call().plusSeconds(5))
                .autoHealthCheck(false)
                .reconnectInterval(Duration.ofDays(1)) // Hearth restarts a failed server at its next use instead
                .listener(RawResults.LISTENER)
                .toolResultExtractor(RawResults.EXTRACTOR)
                .build();
        try {
            Set<String> names = new HashSet<>();
            List<McpTool> tools = new ArrayList<>();
            for (ToolSpecification spec : client.listTools()) {
                McpTool.of(config.namespace(), config.name(), spec).filter(t -> names.add(t.spec().name()))
                        .ifPresentOrElse(tools::add, () -> LOG.log(System.Logger.Level.WARNING,
                                "MCP server " + config.name() + ": tool '" + spec.name() + "' left out (its name or a parameter name clashes or cannot be an action name)"));
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("start abandoned");
            }
            return new Connection(client, transport, List.copyOf(tools));
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    private McpTransport transport() {
        if (config.isProcess()) {
            return StdioMcpTransport.builder()
                    .command(GuardedCommand.of(config.command(), ProcessHandle.current().pid(), stderrFile))
                    .environment(config.env())
                    .logEvents(false)
                    .build();
        }
        return StreamableHttpMcpTransport.builder().url(config.url()).customHeaders(config.headers())
                .timeout(timeouts.call()).build();
    }

    private String exitCode(McpTransport transport) {
        Process p = transport instanceof StdioMcpTransport stdio ? stdio.getProcess() : null;
        return p == null || p.isAlive() ? "" : " (code " + p.exitValue() + ")";
    }

    private String stderrTail() {
        String tail = config.isProcess() ? GuardedCommand.tail(stderrFile, 15, 2000) : "";
        return tail.isEmpty() ? "" : "\nstderr (last lines):\n" + tail;
    }

    private synchronized void fail(Connection c, String why) {
        if (connection == c) {
            connection = null;
            state = State.FAILED;
            failedAt = System.nanoTime();
            problem = why;
        }
        closeQuietly(c.client());
    }

    /** Stops the server; the next use starts it again. */
    synchronized void restart() {
        stop(State.NOT_STARTED);
    }

    @Override
    public synchronized void close() {
        stop(State.STOPPED);
    }

    private void stop(State next) {
        Connection c = connection;
        connection = null;
        state = next;
        problem = null;
        if (c != null) {
            closeQuietly(c.client());
            Process p = c.process();
            if (p != null) {
                p.destroy();
            }
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String message(Throwable e) {
        Throwable root = rootCause(e);
        String text = root == null ? "unknown error" : root.getMessage();
        return text == null ? root.getClass().getSimpleName() : text;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing MCP connection: " + e);
        }
    }
}
