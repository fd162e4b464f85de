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
 * jupyter-ai, Open WebUI) over stdio. Standard output carries only the protocol: everything else
 * that would print there goes to stderr.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Serve your Hearth memory (recall, remember; collections as resources) and your actions "
                + "to an MCP client over stdio. Actions with side effects are refused unless allowed with --allow.")
public final class McpServeCommand implements Callable<Integer> {

    @Option(names = "--allow", paramLabel = "ACTION", description = "an action with side effects the client may run (repeatable)")
    List<String> allow = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING); // the client shows stderr as the server's log
        HearthConfig config = HearthConfig.load();
        try (Wiring wiring = Wiring.create(config, new CellScope())) {
            HearthMcpService service = new HearthMcpService(wiring.service(Memory.class),
                    wiring.service(ActionRegistry.class), new HashSet<>(allow));
            new McpStdioServer(service, KernelHandlers.VERSION, protocol).serve(System.in);
        }
        return 0;
    }
}
