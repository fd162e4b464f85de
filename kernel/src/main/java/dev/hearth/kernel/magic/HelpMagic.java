package dev.hearth.kernel.magic;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;

/** {@code %help [NAME]} and its twin {@code %lsmagic}: generated from the registry. */
public final class HelpMagic implements Magic {

    private final MagicRegistry registry;
    private final MagicSpec spec;

    private HelpMagic(MagicRegistry registry, String name, String summary) {
        this.registry = registry;
        this.spec = MagicSpec.builder(name, MagicSpec.Kind.LINE)
                .usage(name.equals("help") ? "%help [NAME]" : "%lsmagic")
                .summary(summary)
                .help(name.equals("help") ? "Without a name, lists every magic. With one (with or without %), "
                        + "shows its usage, options and help. For Java code, put ? after an expression, e.g. String?" : "")
                .build();
    }

    /** {@code %help}. */
    public static HelpMagic help(MagicRegistry registry) {
        return new HelpMagic(registry, "help", "List the magics, or show the help of one");
    }

    /** {@code %lsmagic}. */
    public static HelpMagic lsmagic(MagicRegistry registry) {
        return new HelpMagic(registry, "lsmagic", "List every magic with a line of help");
    }

    @Override
    public MagicSpec spec() {
        return spec;
    }

    @Override
    public Object run(MagicCall call, CellContext ctx) {
        if (call.args().positionals().isEmpty()) {
            return MimeBundle.html(HelpTables.listing(registry.all()), registry.listing());
        }
        String name = call.args().positionals().get(0).replaceFirst("^%+", "");
        Magic magic = registry.find(name).orElseThrow(() -> new MagicUsageException(
                "%help: no magic named %" + name + " (see %lsmagic); for Java, write " + name + "?", spec));
        return MimeBundle.html(HelpTables.help(magic.spec()), magic.spec().fullHelp());
    }
}
