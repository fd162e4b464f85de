package dev.hearth.kernel.ai;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.api.AtomicFiles;
import dev.hearth.kernel.json.Json;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chat sessions on disk: {@code chats/NAME.json} under the Hearth home, a list of
 * {@code {"role","content"}} turns, so a conversation survives kernel restarts.
 */
public final class ChatStore {

    /** One turn of a conversation. */
    public record Turn(String role, String content,
                       @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                       List<String> sources) {
        public Turn {
            sources = List.copyOf(sources == null ? List.of() : sources);
        }

        /** A turn without sources. */
        public Turn(String role, String content) {
            this(role, content, List.of());
        }
    }

    private static final ObjectMapper JSON = Json.mapper();
    private final Path directory;

    /** Keeps sessions in {@code directory} (created on first save). */
    public ChatStore(Path directory) {
        this.directory = directory;
    }

    private Path file(String session) {
        if (!session.matches("[A-Za-z0-9_.-]+") || session.startsWith(".")) {
            throw new IllegalArgumentException("A chat session name is letters, digits, '.', '_' or '-', not '" + session + "'");
        }
        return directory.resolve(session + ".json");
    }

    /** The turns of {@code session}, oldest first (empty for a new one). */
    public List<Turn> load(String session) {
        Path file = file(session);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<Turn>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read chat " + session + " (" + file + "): " + e.getMessage(), e);
        }
    }

    /** The turns as langchain4j messages. */
    public List<ChatMessage> messages(String session) {
        List<ChatMessage> messages = new ArrayList<>();
        for (Turn turn : load(session)) {
            messages.add("assistant".equals(turn.role()) ? AiMessage.from(turn.content()) : UserMessage.from(turn.content()));
        }
        return messages;
    }

    /** Adds a user turn and the answer to {@code session}, written atomically. */
    public synchronized void append(String session, String user, String answer) {
        append(session, user, answer, List.of());
    }

    /** Adds a user turn and the answer, with the notes the answer drew on ({@code --memory}), written atomically. */
    public synchronized void append(String session, String user, String answer, List<String> sources) {
        List<Turn> turns = new ArrayList<>(load(session));
        turns.add(new Turn("user", user));
        turns.add(new Turn("assistant", answer, sources));
        Path file = file(session);
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(turns));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save chat " + session + ": " + e.getMessage(), e);
        }
    }

    /** Forgets {@code session}; true when it existed. */
    public boolean reset(String session) {
        try {
            return Files.deleteIfExists(file(session));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reset chat " + session + ": " + e.getMessage(), e);
        }
    }

    /** Session names with their number of turns. */
    public Map<String, Integer> list() {
        Map<String, Integer> all = new java.util.TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return all;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString().replaceFirst("\\.json$", "");
                all.put(name, load(name).size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }
}
