package dev.hearth.kernel.mcp;

import dev.hearth.kernel.actions.Tables;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.magic.ArgTokenizer;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.MagicCall;
import dev.hearth.kernel.magic.MagicSpec;
import dev.hearth.kernel.magic.MagicUsageException;

import java.util.List;
import java.util.Map;

/** {@code %mcp}: list, add, restart and remove the MCP servers whose tools are actions. */
public final class McpMagic implements Magic {

    private static final MagicSpec SPEC = MagicSpec.builder("mcp", MagicSpec.Kind.LINE)
            .usage("%mcp [list] | %mcp add NAME -- COMMAND ARGS... | %mcp add NAME URL | %mcp restart NAME | %mcp remove NAME")
            .summary("MCP servers: their tools are actions NAME.tool (%actions, %act, --tools)")
            .help("Servers are kept in HEARTH_HOME/mcp.json ({\"mcpServers\": {NAME: {\"command\", \"args\", \"env\"} | "
                    + "{\"url\", \"headers\"}}}, as other MCP clients write it). They start at first use and stop with "
                    + "the kernel. A tool the server marks read-only runs when a model asks; any other needs your "
                    + "approval or --allow. Put secrets in \"env\" or \"headers\" in the file: they are never shown.")
            .subcommands("list", "add", "restart", "remove")
            .build();

    private final McpServers servers;

    public McpMagic(McpServers servers) {
        this.servers = servers;
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Object run(MagicCall call, CellContext ctx) {
        List<String> words = ArgTokenizer.split(call.line());
        String sub = words.isEmpty() ? "list" : words.get(0);
        try {
            switch (sub) {
                case "list":
                    return list();
                case "add":
                    servers.add(parseAdd(words));
                    return "Added MCP server " + words.get(1) + " to " + servers.file()
                            + "; it starts at first use (%actions lists its tools).";
                case "restart":
                    servers.restart(name(words, "restart"));
                    return list();
                case "remove":
                    String name = name(words, "remove");
                    return servers.remove(name) ? "Removed MCP server " + name + "."
                            : "No MCP server '" + name + "'; %mcp list shows them.";
                default:
                    throw new MagicUsageException("%mcp: unknown subcommand '" + sub + "'", SPEC);
            }
        } catch (IllegalArgumentException e) {
            if (e instanceof MagicUsageException usage) {
                throw usage;
            }
            throw new MagicUsageException("%mcp " + sub + ": " + e.getMessage(), SPEC);
        }
    }

    private Object list() {
        List<List<String>> rows = servers.list().stream().map(s -> List.of(s.name(), s.state(),
                s.state().equals("running") ? String.valueOf(s.tools()) : "", s.what(), s.problem())).toList();
        String empty = servers.fileProblem().orElse("No MCP servers: add one with %mcp add NAME -- COMMAND ARGS... "
                + "or %mcp add NAME URL (kept in " + servers.file() + ").");
        return Tables.render(List.of("server", "state", "tools", "runs", "problem"), rows, empty);
    }

    private static String name(List<String> words, String sub) {
        if (words.size() != 2) {
            throw new MagicUsageException("%mcp " + sub + " takes one server name", SPEC);
        }
        return words.get(1);
    }

    static McpServerConfig parseAdd(List<String> words) {
        if (words.size() < 3) {
            throw new MagicUsageException("%mcp add needs a name and then -- COMMAND ARGS... or a URL", SPEC);
        }
        String name = words.get(1);
        if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new MagicUsageException("%mcp add: a server name is letters, digits, - and _, starting with a letter", SPEC);
        }
        if (words.get(2).equals("--")) {
            if (words.size() == 3) {
                throw new MagicUsageException("%mcp add " + name + " --: give the command after --", SPEC);
            }
            return McpServerConfig.process(name, words.subList(3, words.size()), Map.of());
        }
        if (words.size() != 3) {
            throw new MagicUsageException("%mcp add " + name + ": give either one URL or -- COMMAND ARGS...", SPEC);
        }
        return McpServerConfig.http(name, words.get(2), Map.of());
    }
}
