package dev.hearth.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the kernel's outgoing messages with fresh headers in this kernel's session. */
public final class MessageFactory {

    /** The messaging protocol version this kernel speaks. */
    public static final String PROTOCOL_VERSION = "5.3";

    private final String session = UUID.randomUUID().toString();
    private final String kernelId;

    public MessageFactory(String kernelId) {
        this.kernelId = kernelId;
    }

    /** A new header of type {@code msgType}. */
    public Map<String, Object> header(String msgType) {
        Map<String, Object> header = new LinkedHashMap<>(8);
        header.put("msg_id", UUID.randomUUID().toString());
        header.put("session", session);
        header.put("username", "hearth");
        header.put("date", Instant.now().toString());
        header.put("msg_type", msgType);
        header.put("version", PROTOCOL_VERSION);
        return header;
    }

    /** A reply to {@code request} routed back to its sender. */
    public Message reply(Message request, String msgType, Map<String, Object> content) {
        return new Message(request.identities(), header(msgType), request.header(), Map.of(), content, List.of());
    }

    /** An IOPub message whose parent is {@code parentHeader} (empty for kernel-initiated messages). */
    public Message broadcast(Map<String, Object> parentHeader, String msgType, Map<String, Object> content) {
        byte[] topic = ("kernel." + kernelId + "." + msgType).getBytes(StandardCharsets.UTF_8);
        return new Message(List.of(topic), header(msgType), parentHeader, Map.of(), content, List.of());
    }

    /** A message sent to the client that made {@code request} (e.g. an {@code input_request} on stdin). */
    public Message toRequester(Message request, String msgType, Map<String, Object> content) {
        return reply(request, msgType, content);
    }
}
