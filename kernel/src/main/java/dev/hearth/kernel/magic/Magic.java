package dev.hearth.kernel.magic;

import dev.hearth.kernel.cell.CellContext;

/**
 * A self-describing notebook meta-operation: {@code %name args} (line) or {@code %%name args}
 * followed by a body (cell). Help, {@code %lsmagic} and completion are generated from
 * {@link #spec()}; the registry parses and checks the arguments before {@link #run} is called.
 */
public interface Magic {

    /** Name, kind, usage, help and parameters of this magic. */
    MagicSpec spec();

    /**
     * Runs the magic.
     *
     * @param call the parsed arguments (and the body for a cell magic)
     * @param ctx  where output goes and whether the user interrupted
     * @return a value to show as the cell's result ({@code execute_result}), or {@code null}
     * @throws MagicUsageException for arguments that parse but make no sense together
     * @throws Exception           anything else is reported as the cell's error
     */
    Object run(MagicCall call, CellContext ctx) throws Exception;

    /**
     * Extra completion candidates for the argument being typed, beyond the spec's subcommands and
     * options (e.g. an action's parameter names after {@code %act NAME}).
     *
     * @param words the words typed so far after the {@code %}, the magic's name first; the last is the
     *              word being completed (empty after a space)
     */
    default java.util.List<String> argumentCandidates(java.util.List<String> words) {
        return java.util.List.of();
    }
}
