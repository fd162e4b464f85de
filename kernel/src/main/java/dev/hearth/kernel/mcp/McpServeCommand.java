package dev.hearth.kernel.mcp;

import dev.hearth.kernel.Wiring;
import dev.hearth.kernel.actions.ActionRegistry;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.memory.Memory;
import dev.hearth.kernel.session.KernelHandlers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hearth mcp}: serves the user's memory and actions to MCP clients (Claude Desktop, VS Code,
 * jupyter-ai, Open WebUI) over stdio, or over streamable HTTP on loopback with {@code --http PORT}.
 * Standard output carries only the protocol: everything else that would print there goes to stderr.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Serve your Hearth memory (recall, remember; collections as resources) and your actions "
                + "to an MCP client over stdio. Actions with side effects are refused unless allowed with --allow.")
public final class McpServeCommand implements Callable<Integer> {

    @Option(names = "--allow", paramLabel = "ACTION", description = "an action with side effects the client may run (repeatable)")
    List<String> allow = new ArrayList<>();

    @Option(names = "--http", paramLabel = "PORT", description = "serve streamable HTTP at http://127.0.0.1:PORT/mcp "
            + "instead of stdio; clients send Authorization: Bearer TOKEN (HEARTH_MCP_TOKEN, or a new one printed on stderr)")
    Integer httpPort;

    @Override
    public Integer call() throws Exception {
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING); // the client shows stderr as the server's log
        HearthConfig config = HearthConfig.load();
        try (Wiring wiring = Wiring.create(config, new CellScope())) {
            HearthMcpService service = new HearthMcpService(wiring.service(Memory.class),
                    wiring.service(ActionRegistry.class), new HashSet<>(allow));
            McpProtocol mcp = new McpProtocol(service, KernelHandlers.VERSION);
            if (httpPort == null) {
                new McpStdioServer(mcp, protocol).serve(System.in);
                return 0;
            }
            String token = System.getenv().getOrDefault("HEARTH_MCP_TOKEN", newToken());
            try (McpHttpServer http = new McpHttpServer(mcp, httpPort, token)) {
                System.err.println("hearth mcp: serving " + http.uri() + (System.getenv("HEARTH_MCP_TOKEN") != null
                        ? " (token from HEARTH_MCP_TOKEN)" : "; clients send the header Authorization: Bearer " + token));
                new java.util.concurrent.CountDownLatch(1).await(); // until the process is stopped
            }
        }
        return 0;
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
