package dev.hearth.kernel.actions;

import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.MagicCall;
import dev.hearth.kernel.magic.MagicSpec;
import dev.hearth.kernel.magic.MagicUsageException;

import java.util.List;
import java.util.stream.Collectors;

/** {@code %plugins [reload]}: every plugin jar with its state, the reason when broken, and its actions. */
public final class PluginsMagic implements Magic {

    private static final MagicSpec SPEC = MagicSpec.builder("plugins", MagicSpec.Kind.LINE)
            .usage("%plugins [reload]")
            .summary("List the action plugins with their state; 'reload' loads the plugin directories again")
            .help("Plugins are jars in HEARTH_HOME/plugins (or HEARTH_PLUGINS_DIR) plus the bundled ones. "
                    + "A plugin that fails to load is listed with the reason; the others keep working.")
            .subcommands("reload")
            .build();

    private final ActionRegistry registry;

    public PluginsMagic(ActionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Object run(MagicCall call, CellContext ctx) {
        String sub = call.args().rest(0).strip();
        if (sub.equals("reload")) {
            registry.reload();
        } else if (!sub.isEmpty()) {
            throw new MagicUsageException("%plugins: unknown subcommand '" + sub + "'; use %plugins or %plugins reload", SPEC);
        }
        List<List<String>> rows = registry.plugins().stream().map(r -> List.of(
                        r.id(), r.version(), r.state() + (r.bundled() ? "" : " (yours)"),
                        r.reason().isEmpty() ? "" : r.reason(), String.join(", ", r.actions())))
                .collect(Collectors.toList());
        return Tables.render(List.of("id", "version", "state", "reason", "actions"), rows,
                "No plugins found in " + registry.userDir() + registry.bundledDir().map(d -> " or " + d).orElse(""));
    }
}
