package dev.hearth.kernel.deps;

import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.MagicCall;
import dev.hearth.kernel.magic.MagicSpec;

/** {@code %%pom}: the {@code <dependencies>} (and {@code <repositories>}) of a POM, added like {@code %maven}. */
final class PomMagic implements Magic {

    private static final MagicSpec SPEC = MagicSpec.builder("pom", MagicSpec.Kind.CELL)
            .usage("%%pom [--offline]\n<dependencies>...</dependencies>")
            .summary("Add the <dependencies> of a POM snippet (with <repositories>, <properties>) to later cells")
            .help("The body is a <dependencies> block, bare <dependency> elements or a whole <project>; "
                    + "it is resolved like %maven.")
            .flag("offline", "use the local repository only")
            .build();

    private final Dependencies dependencies;

    PomMagic(Dependencies dependencies) {
        this.dependencies = dependencies;
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Object run(MagicCall call, CellContext ctx) {
        return dependencies.add(PomSnippet.parse(call.body(), call.args().flag("offline")), ctx).toBundle();
    }
}
