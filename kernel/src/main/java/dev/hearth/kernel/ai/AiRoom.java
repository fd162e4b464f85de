package dev.hearth.kernel.ai;

import dev.hearth.kernel.actions.ActionRegistry;
import dev.hearth.kernel.memory.Memory;
import dev.hearth.kernel.room.Room;
import dev.hearth.kernel.room.RoomContext;

import java.nio.file.Path;

/**
 * The AI room, installed after the rooms it draws on: the model registry, the streaming service
 * with {@code --memory} (the memory room's service) and {@code --tools} (the actions room's
 * registry) plus any prompt source another room offered, the magics {@code %%ai},
 * {@code %%chat} and {@code %pattern}, and the {@code ai} variable of cells.
 */
public final class AiRoom implements Room {

    @Override
    public void install(RoomContext room) {
        AiConfig.ALL.forEach(room::declare);
        ModelRegistry models = ModelRegistry.builder(room.config()).cells(room.cells()).build();
        AiService.Builder service = AiService.builder(models);
        room.offered(Memory.class).forEach(memory -> service.source(new MemorySource(memory)));
        room.offered(PromptSource.class).forEach(service::source);
        room.offered(ActionRegistry.class).forEach(actions -> service.tools(new ActionTools(actions)));
        AiService aiService = service.build();
        Ai ai = new Ai(aiService, new ChatStore(room.config().home().resolve("chats")),
                Patterns.standard(room.config().home(), Path.of(System.getProperty("user.home"))), room.cells());
        new AiMagics(ai, room.evaluator(), room.history()).all().forEach(room::magic);
        room.bind("ai", Ai.class, ai)
                .offer(Ai.class, ai)
                .closeAtShutdown(models)
                .closeAtShutdown(aiService);
    }
}
