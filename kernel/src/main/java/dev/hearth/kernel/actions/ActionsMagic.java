package dev.hearth.kernel.actions;

import dev.hearth.api.ActionParam;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.MagicCall;
import dev.hearth.kernel.magic.MagicSpec;

import java.util.List;
import java.util.stream.Collectors;

/** {@code %actions}: every action with its parameters and a mark for side effects. */
public final class ActionsMagic implements Magic {

    private static final MagicSpec SPEC = MagicSpec.builder("actions", MagicSpec.Kind.LINE)
            .usage("%actions")
            .summary("List every action with its parameters; ⚠ marks actions with side effects")
            .help("Run one with %act NAME key=value ... ; %help act shows each action's parameters.")
            .build();

    private final ActionRegistry registry;

    public ActionsMagic(ActionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Object run(MagicCall call, CellContext ctx) {
        List<List<String>> rows = registry.list().stream().map(spec -> List.of(
                        spec.name(),
                        spec.params().stream().map(ActionParam::synopsis).collect(Collectors.joining(" ")),
                        spec.sideEffects() ? "⚠ yes" : "",
                        spec.summary()))
                .collect(Collectors.toList());
        return Tables.render(List.of("action", "parameters", "side effects", "description"), rows,
                "No actions: %plugins shows which plugins were found and why they did not load.");
    }
}
