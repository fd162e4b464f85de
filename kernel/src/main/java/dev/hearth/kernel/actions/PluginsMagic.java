package dev.hearth.kernel.actions;

import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.MagicCall;
import dev.hearth.kernel.magic.MagicSpec;
import dev.hearth.kernel.magic.MagicUsageException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code %plugins [reload]}: every plugin jar with its state, the reason when broken, and its actions;
 * {@code %plugins install G:A:V} and {@code %plugins remove ID} add and take out the user's plugins.
 */
public final class PluginsMagic implements Magic {

    private static final MagicSpec SPEC = MagicSpec.builder("plugins", MagicSpec.Kind.LINE)
            .usage("%plugins [reload | install [--repo URL]... [--offline] G:A:V | remove ID]")
            .summary("List the action plugins with their state; reload, install from Maven coordinates, remove")
            .help("Plugins are jars in HEARTH_HOME/plugins (or HEARTH_PLUGINS_DIR) plus the bundled ones. "
                    + "A plugin that fails to load is listed with the reason; the others keep working. "
                    + "'install' fetches a plugin jar from Maven Central (or --repo, or a settings.xml mirror), "
                    + "checks its Plugin-Requires and loads it; 'remove' unloads and deletes one of yours.")
            .subcommands("reload", "install", "remove")
            .option("repo", null, dev.hearth.kernel.magic.MagicParam.Type.STRING, "an extra repository URL for install, repeatable")
            .flag("offline", "install from the local Maven repository only")
            .build();

    private final ActionRegistry registry;
    private final PluginInstaller installer;

    public PluginsMagic(ActionRegistry registry) {
        this(registry, null);
    }

    /** With {@code installer}, {@code install} and {@code remove} work (they need the Maven resolver). */
    PluginsMagic(ActionRegistry registry, PluginInstaller installer) {
        this.registry = registry;
        this.installer = installer;
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Object run(MagicCall call, CellContext ctx) throws java.io.IOException {
        String sub = call.args().positional(0).orElse("");
        if (sub.equals("install") || sub.equals("remove")) {
            String what = call.args().positional(1).orElseThrow(() -> new MagicUsageException(
                    "%plugins " + sub + ": give " + (sub.equals("install") ? "the plugin's G:A:V" : "the plugin id"), SPEC));
            if (installer == null) {
                throw new MagicUsageException("%plugins " + sub + ": not available in this session (no Maven resolver)", SPEC);
            }
            PluginReport report = sub.equals("install")
                    ? installer.install(what, call.args().strings("repo"), call.args().flag("offline"), ctx)
                    : installer.remove(what);
            ctx.stream(dev.hearth.kernel.cell.StreamName.STDOUT, (sub.equals("install") ? "Installed " : "Removed ")
                    + report.id() + " " + report.version() + (sub.equals("install") ? " (" + report.path() + ")" : "") + "\n");
        } else if (sub.equals("reload")) {
            registry.reload();
        } else if (!sub.isEmpty()) {
            throw new MagicUsageException("%plugins: unknown subcommand '" + sub + "'; use %plugins, reload, install or remove", SPEC);
        }
        List<List<String>> rows = registry.plugins().stream().map(r -> List.of(
                        r.id(), r.version(), r.state() + (r.bundled() ? "" : " (yours)"),
                        r.reason().isEmpty() ? "" : r.reason(), String.join(", ", r.actions())))
                .collect(Collectors.toList());
        return Tables.render(List.of("id", "version", "state", "reason", "actions"), rows,
                "No plugins found in " + registry.userDir() + registry.bundledDir().map(d -> " or " + d).orElse(""));
    }
}
