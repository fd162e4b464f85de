package dev.hearth.kernel.mcp;

import dev.hearth.api.Action;
import dev.hearth.api.ActionException;
import dev.hearth.api.BackgroundThreads;
import dev.hearth.api.Cancellation;
import dev.hearth.kernel.actions.ActionSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The MCP servers of {@code mcp.json} and the actions their tools become ({@code NAME.tool}):
 * servers start at first use (a listing or a call), one at a time, and stop with the kernel.
 * {@code %mcp add/remove} change the file and the running set together.
 */
public final class McpServers implements ActionSource, AutoCloseable {

    /** One server as {@code %mcp list} shows it (never its environment or headers' values). */
    public record Status(String name, String state, int tools, String what, String problem) {
    }

    private static final System.Logger LOG = System.getLogger(McpServers.class.getName());

    private final McpConfigFile file;
    private final McpTimeouts timeouts;
    private final Supplier<Cancellation> cancellation;
    private final ExecutorService workers = Executors.newCachedThreadPool(BackgroundThreads.daemon("hearth-mcp"));
    private final Map<String, McpServer> servers = new LinkedHashMap<>();
    private final String fileProblem;
    private Path stderrDir;

    /**
     * The servers of {@code file}.
     *
     * @param cancellation the running cell's interrupt, for starts triggered by a listing
     */
    public McpServers(McpConfigFile file, McpTimeouts timeouts, Supplier<Cancellation> cancellation) {
        this.file = file;
        this.timeouts = timeouts;
        this.cancellation = cancellation;
        String problem = null;
        try {
            file.read().forEach(this::put);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
            LOG.log(System.Logger.Level.WARNING, problem);
        }
        this.fileProblem = problem;
    }

    @Override
    public List<Action> actions() {
        List<Action> actions = new ArrayList<>();
        for (McpServer server : snapshot()) {
            try {
                server.toolsForListing(cancellation.get()).forEach(tool -> actions.add(new McpToolAction(server, tool)));
            } catch (ActionException e) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage());
            }
        }
        return actions;
    }

    @Override
    public Optional<Action> find(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String namespace = name.substring(0, dot);
        for (McpServer server : snapshot()) {
            if (server.config().namespace().equals(namespace)) {
                return server.tools(cancellation.get()).stream().filter(t -> t.spec().name().equals(name)).findFirst()
                        .map(tool -> new McpToolAction(server, tool));
            }
        }
        return Optional.empty();
    }

    /** Every server with its state and tool count (starts none). */
    public synchronized List<Status> list() {
        return servers.values().stream().map(s -> new Status(s.config().name(), s.state().name().toLowerCase().replace('_', ' '),
                        s.knownTools().size(), s.config().describe(), s.problem() == null ? "" : s.problem()))
                .toList();
    }

    /** Why {@code mcp.json} could not be read, if it could not. */
    public Optional<String> fileProblem() {
        return Optional.ofNullable(fileProblem);
    }

    /** The file the servers come from. */
    public Path file() {
        return file.path();
    }

    /**
     * Adds (or replaces) a server in {@code mcp.json} and in this session; it starts at first use.
     *
     * @throws IllegalArgumentException when another server already has its action namespace
     */
    public synchronized void add(McpServerConfig config) {
        String namespace = config.namespace();
        servers.values().stream().filter(s -> !s.config().name().equals(config.name())
                        && s.config().namespace().equals(namespace)).findFirst()
                .ifPresent(s -> {
                    throw new IllegalArgumentException("server '" + s.config().name() + "' already gives actions "
                            + namespace + ".*; choose another name");
                });
        file.put(config);
        McpServer old = put(config);
        if (old != null) {
            old.close();
        }
    }

    /** Stops and forgets the server {@code name} and removes it from {@code mcp.json}; false when unknown. */
    public synchronized boolean remove(String name) {
        McpServer server = servers.remove(name);
        boolean inFile = file.remove(name);
        if (server != null) {
            server.close();
        }
        return server != null || inFile;
    }

    /**
     * Stops the server {@code name} and starts it again now, so {@code %mcp list} shows the outcome.
     *
     * @throws IllegalArgumentException when there is no such server
     * @throws ActionException          when it fails to start
     */
    public void restart(String name) {
        McpServer server;
        synchronized (this) {
            server = Optional.ofNullable(servers.get(name)).orElseThrow(() -> new IllegalArgumentException(
                    "no MCP server '" + name + "'; %mcp list shows them"));
        }
        server.restart();
        server.tools(cancellation.get());
    }

    private McpServer put(McpServerConfig config) {
        return servers.put(config.name(), new McpServer(config, timeouts, stderrFile(config.name()), workers));
    }

    private synchronized List<McpServer> snapshot() {
        return servers.values().stream().sorted(Comparator.comparing(s -> s.config().name())).toList();
    }

    private Path stderrFile(String name) {
        try {
            if (stderrDir == null) {
                stderrDir = Files.createTempDirectory("hearth-mcp-");
            }
            return stderrDir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".stderr");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for MCP server logs: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        servers.values().forEach(McpServer::close);
        workers.shutdownNow();
        if (stderrDir != null) {
            try (Stream<Path> files = Files.list(stderrDir)) {
                files.forEach(f -> f.toFile().delete());
                Files.deleteIfExists(stderrDir);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cleaning " + stderrDir + ": " + e);
            }
        }
    }
}
