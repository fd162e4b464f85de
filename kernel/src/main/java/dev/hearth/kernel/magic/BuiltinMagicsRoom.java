package dev.hearth.kernel.magic;

import dev.hearth.kernel.room.Room;
import dev.hearth.kernel.room.RoomContext;

/** The magics every session has: {@code %help}, {@code %lsmagic}, {@code %time}, {@code %config}, {@code %classpath}. */
public final class BuiltinMagicsRoom implements Room {

    @Override
    public void install(RoomContext room) {
        room.magic(HelpMagic.help(room.magics()), HelpMagic.lsmagic(room.magics()), new TimeMagic(room.codeRunner()),
                new ConfigMagic(room.config()), new ClasspathMagic(room.evaluator()));
    }
}
