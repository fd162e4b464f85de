package dev.hearth.kernel.deps;

import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.MagicCall;
import dev.hearth.kernel.magic.MagicParam;
import dev.hearth.kernel.magic.MagicSpec;
import dev.hearth.kernel.magic.MagicUsageException;

/** {@code %maven G:A:V ...}: Maven artifacts and their dependencies on the class path of later cells. */
final class MavenMagic implements Magic {

    private static final MagicSpec SPEC = MagicSpec.builder("maven", MagicSpec.Kind.LINE)
            .usage("%maven [--offline] [--repo URL]... [--exclude G:A]... G:A:V [G:A:EXT:CLASSIFIER:V ...]")
            .summary("Add Maven artifacts and their dependencies to later cells (deps.add in Java)")
            .help("Resolves with Maven's own resolver and ~/.m2/settings.xml (local repository, mirrors, proxies, "
                    + "offline mode); downloads show while they run. Repeating a line does nothing; another version "
                    + "of a loaded artifact is refused (restart the kernel to switch). The kernel's own libraries "
                    + "are not visible to cells, so any version of Jackson, Lucene, ... can be used.")
            .option("repo", null, MagicParam.Type.STRING, "an extra repository URL (https:// or file:), repeatable")
            .option("exclude", null, MagicParam.Type.STRING, "leave G:A (either may be *) out of the dependencies, repeatable")
            .flag("offline", "use the local repository only")
            .build();

    private final Dependencies dependencies;

    MavenMagic(Dependencies dependencies) {
        this.dependencies = dependencies;
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Object run(MagicCall call, CellContext ctx) {
        if (call.args().positionals().isEmpty()) {
            throw new MagicUsageException("%maven: give at least one artifact as GROUP:ARTIFACT:VERSION", SPEC);
        }
        MavenRequest request = MavenRequest.of(call.args().positionals(), call.args().strings("exclude"),
                call.args().strings("repo"), call.args().flag("offline"));
        return dependencies.add(request, ctx).toBundle();
    }
}
