package dev.hearth.kernel.ai;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.MagicCall;
import dev.hearth.kernel.magic.MagicSpec;
import dev.hearth.kernel.magic.MagicUsageException;

import java.util.List;

/** {@code %pattern list|show NAME}. */
final class PatternMagic implements Magic {

    private final Ai ai;
    private final MagicSpec spec = MagicSpec.builder("pattern", MagicSpec.Kind.LINE)
            .usage("%pattern list  |  %pattern show NAME")
            .summary("List or show the prompt patterns usable with %%ai --pattern NAME")
            .subcommands("list", "show")
            .build();

    PatternMagic(Ai ai) {
        this.ai = ai;
    }

    @Override
    public MagicSpec spec() {
        return spec;
    }

    @Override
    public Object run(MagicCall call, CellContext ctx) {
        String sub = call.args().requirePositional(0, "list or show NAME");
        if (sub.equals("list")) {
            StringBuilder out = new StringBuilder();
            ai.patterns().list().forEach((name, source) -> out.append(name).append("  (").append(source).append(")\n"));
            return MimeBundle.text(out.toString());
        }
        if (sub.equals("show")) {
            Patterns.Pattern p = ai.patterns().find(call.args().requirePositional(1, "pattern NAME"));
            return MimeBundle.markdown("**" + p.name() + "** (" + p.source() + ")\n\n**system.md**\n\n" + p.system()
                    + (p.user() == null ? "" : "\n\n**user.md**\n\n" + p.user()));
        }
        throw new MagicUsageException("%pattern: unknown subcommand '" + sub + "': use list or show NAME", spec);
    }
}
