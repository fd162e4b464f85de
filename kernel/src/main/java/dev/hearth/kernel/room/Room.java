package dev.hearth.kernel.room;

/**
 * One room of the house (memory, actions, ai, ...): everything a capability brings to a kernel
 * session, plugged in one way. The composition root installs the rooms in order; a room declares
 * its settings, registers its magics, binds the names cells use, offers contributions to later
 * rooms (prompt sources and tools for the AI room, its service), and hands over what to close.
 *
 * <pre>{@code
 * public final class NotesRoom implements Room {
 *     static final ConfigKey DIR = ConfigKey.of("notes.dir", "where notes go", "~/notes");
 *     public void install(RoomContext room) {
 *         room.declare(DIR);
 *         Notes notes = new Notes(UserPaths.of(room.config().value(DIR)));
 *         room.magic(new NoteMagic(notes)).bind("notes", Notes.class, notes).offer(Notes.class, notes);
 *     }
 * }
 * }</pre>
 */
public interface Room {

    /** Adds this room to the session. Build services here, load nothing heavy: that waits for first use. */
    void install(RoomContext room);
}
