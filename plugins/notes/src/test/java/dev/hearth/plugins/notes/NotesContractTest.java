package dev.hearth.plugins.notes;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionSettings;
import dev.hearth.api.testing.ActionContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** {@code notes.write} keeps the action contract, in a temporary vault. */
class NotesContractTest extends ActionContract {

    @TempDir
    Path vault;

    @Override
    protected Action action() {
        return new NotesWriteAction();
    }

    @Override
    protected Map<String, Object> sampleInput() {
        return Map.of("title", "Boiler answer", "content", "The boiler is serviced every October.");
    }

    @Override
    protected ActionContext context() {
        return ActionContext.builder().settings(ActionSettings.of(Map.of("vault", vault.toString()))).build();
    }
}
