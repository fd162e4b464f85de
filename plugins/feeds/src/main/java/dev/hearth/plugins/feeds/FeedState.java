package dev.hearth.plugins.feeds;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.api.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What Hearth remembers about one feed between runs, in {@code STATE_DIR/KEY.json} (KEY from the
 * feed's address): the validators of the last answer for a conditional GET ({@code ETag},
 * {@code Last-Modified}), the last body in {@code KEY.body} (a 304 answer means "read it again"),
 * and the ids of the entries already reported as new.
 *
 * @param url          the feed's address
 * @param etag         the last {@code ETag}, or null
 * @param lastModified the last {@code Last-Modified}, or null
 * @param seen         ids of entries already reported, oldest first (the newest {@link #MAX_SEEN} are kept)
 */
record FeedState(String url, String etag, String lastModified, List<String> seen) {

    static final int MAX_SEEN = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    FeedState {
        seen = List.copyOf(seen == null ? List.of() : seen);
    }

    /** The state of {@code url} in {@code dir}, or a fresh one. A damaged record is started afresh. */
    static FeedState load(Path dir, String url) {
        Path file = dir.resolve(key(url) + ".json");
        if (Files.isRegularFile(file)) {
            try {
                FeedState state = JSON.readValue(file.toFile(), FeedState.class);
                if (url.equals(state.url())) {
                    return state;
                }
            } catch (IOException e) {
                // unreadable: forget it; the worst case is entries reported again
            }
        }
        return new FeedState(url, null, null, List.of());
    }

    /** The last body kept for this feed, if any. */
    Optional<byte[]> cachedBody(Path dir) throws IOException {
        Path body = dir.resolve(key(url) + ".body");
        return Files.isRegularFile(body) ? Optional.of(Files.readAllBytes(body)) : Optional.empty();
    }

    /** This state with new validators, keeping {@code body} for the next 304. */
    FeedState fetched(Path dir, String newEtag, String newLastModified, byte[] body) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(key(url) + ".body"), body);
        return new FeedState(url, newEtag, newLastModified, seen);
    }

    /** This state with {@code ids} remembered as reported. */
    FeedState withSeen(List<String> ids) {
        LinkedHashSet<String> all = new LinkedHashSet<>(seen);
        all.addAll(ids);
        List<String> kept = new ArrayList<>(all);
        return new FeedState(url, etag, lastModified, kept.subList(Math.max(0, kept.size() - MAX_SEEN), kept.size()));
    }

    /** Writes the record atomically. */
    void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(key(url) + ".json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this).getBytes(StandardCharsets.UTF_8));
    }

    /** A file-name-safe key for {@code url}. */
    static String key(String url) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
