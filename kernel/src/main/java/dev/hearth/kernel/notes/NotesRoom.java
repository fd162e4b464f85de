package dev.hearth.kernel.notes;

import dev.hearth.kernel.actions.ActionRegistry;
import dev.hearth.kernel.actions.ActionsFacade;
import dev.hearth.kernel.ai.Ai;
import dev.hearth.kernel.room.Room;
import dev.hearth.kernel.room.RoomContext;

/** Binds {@code notes} (answers saved to the vault with provenance) over the actions and AI rooms. */
public final class NotesRoom implements Room {

    @Override
    public void install(RoomContext room) {
        ActionRegistry registry = room.service(ActionRegistry.class);
        Ai ai = room.offered(Ai.class).stream().findFirst().orElse(null);
        room.bind("notes", Notes.class, new Notes(new ActionsFacade(registry, room.cells()), ai));
    }
}
