package dev.hearth.kernel.render;

import dev.hearth.api.RenderOptions;
import dev.hearth.kernel.config.ConfigKey;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.room.Room;
import dev.hearth.kernel.room.RoomContext;

/**
 * The render room: how values show in a notebook. It offers the session's {@link RenderRegistry}
 * (the value's own display, plugins' renderers, then charts, images and tables) to the rooms
 * installed after it: the runtime room's {@code display(...)}, the actions room (which adds the
 * plugins' renderers) and the interpreter (cell results).
 */
public final class RenderRoom implements Room {

    /** Rows a table shows before "N more rows". */
    public static final ConfigKey MAX_ROWS = ConfigKey.of("display.max.rows",
            "rows a table of records, beans or maps shows before \"N more rows\"",
            String.valueOf(RenderOptions.DEFAULTS.maxRows()));

    @Override
    public void install(RoomContext room) {
        room.declare(MAX_ROWS);
        // charts and images are drawn off screen; never open a window or a dock icon for them
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        HearthConfig config = room.config();
        room.offer(RenderRegistry.class, RenderRegistry.standard(() -> new RenderOptions(config.intValue(MAX_ROWS))));
    }
}
