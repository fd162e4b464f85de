package dev.hearth.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One Jupyter message (protocol 5.x), decoded. Header, parent header, metadata and content are
 * kept as JSON objects so that a reply can echo the request's header exactly.
 *
 * @param identities   the ZeroMQ routing prefix (empty for IOPub)
 * @param header       {@code msg_id}, {@code session}, {@code username}, {@code date}, {@code msg_type}, {@code version}
 * @param parentHeader the header of the request this message answers, or an empty map
 * @param metadata     free-form metadata
 * @param content      the message type's content
 * @param buffers      extra binary frames
 */
public record Message(List<byte[]> identities, Map<String, Object> header, Map<String, Object> parentHeader,
                      Map<String, Object> metadata, Map<String, Object> content, List<byte[]> buffers) {

    public Message {
        identities = identities == null ? List.of() : List.copyOf(identities);
        parentHeader = parentHeader == null ? Map.of() : parentHeader;
        metadata = metadata == null ? Map.of() : metadata;
        content = content == null ? Map.of() : content;
        buffers = buffers == null ? List.of() : List.copyOf(buffers);
    }

    /** The message type, e.g. {@code execute_request}. */
    public String msgType() {
        return String.valueOf(header.get("msg_type"));
    }

    /** The message id. */
    public String msgId() {
        return String.valueOf(header.get("msg_id"));
    }

    /** The client session id. */
    public String session() {
        return String.valueOf(header.get("session"));
    }

    /** A content field as a string, or {@code fallback}. */
    public String string(String field, String fallback) {
        Object value = content.get(field);
        return value == null ? fallback : value.toString();
    }

    /** A content field as a boolean, or {@code fallback}. */
    public boolean bool(String field, boolean fallback) {
        Object value = content.get(field);
        return value instanceof Boolean b ? b : fallback;
    }

    /** A content field as an int, or {@code fallback}. */
    public int integer(String field, int fallback) {
        Object value = content.get(field);
        return value instanceof Number n ? n.intValue() : fallback;
    }

    @Override
    public String toString() {
        return msgType() + " " + msgId() + " from " + identities.stream()
                .map(id -> new String(id, StandardCharsets.UTF_8)).toList();
    }
}
