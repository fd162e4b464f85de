package dev.hearth.kernel.protocol;

import dev.hearth.kernel.json.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns ZeroMQ multipart frames into {@link Message}s and back, verifying and adding HMAC
 * signatures and refusing replays. Not thread-safe: the transport's I/O thread owns it.
 */
public final class WireCodec {

    /** The frame between routing identities and the signature. */
    public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final Signer signer;
    private final ReplayGuard replays;
    private final long maxMessageBytes;

    /**
     * @param signer          signs and verifies
     * @param maxMessageBytes incoming messages larger than this (all frames) are refused
     */
    public WireCodec(Signer signer, long maxMessageBytes) {
        this.json = Json.mapper();
        this.signer = signer;
        this.replays = new ReplayGuard(100_000);
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Decodes and authenticates one incoming message.
     *
     * @throws MalformedMessageException when the frames must be dropped; the message says why
     */
    public Message decode(List<byte[]> frames) throws MalformedMessageException {
        long size = 0;
        for (byte[] frame : frames) {
            size += frame.length;
        }
        if (size > maxMessageBytes) {
            throw new MalformedMessageException("message of " + size + " bytes exceeds the limit of " + maxMessageBytes);
        }
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            throw new MalformedMessageException("no <IDS|MSG> delimiter");
        }
        if (frames.size() < delimiter + 6) {
            throw new MalformedMessageException("too few frames after the delimiter: " + (frames.size() - delimiter - 1));
        }
        byte[] signature = frames.get(delimiter + 1);
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        if (!signer.verify(signature, header, parent, metadata, content)) {
            throw new MalformedMessageException(signature.length == 0 ? "missing signature" : "bad signature");
        }
        if (signer.enabled() && !replays.firstSighting(new String(signature, StandardCharsets.US_ASCII))) {
            throw new MalformedMessageException("replayed message (signature already seen)");
        }
        Map<String, Object> headerMap = parseObject(header, "header");
        if (!(headerMap.get("msg_type") instanceof String) || !(headerMap.get("msg_id") instanceof String)) {
            throw new MalformedMessageException("header without msg_type or msg_id");
        }
        return new Message(frames.subList(0, delimiter), headerMap, parseObject(parent, "parent_header"),
                parseObject(metadata, "metadata"), parseObject(content, "content"),
                frames.subList(delimiter + 6, frames.size()));
    }

    private Map<String, Object> parseObject(byte[] bytes, String what) throws MalformedMessageException {
        try {
            Map<String, Object> map = json.readValue(bytes, JSON_OBJECT);
            if (map == null) {
                throw new MalformedMessageException(what + " is not a JSON object");
            }
            return map;
        } catch (java.io.IOException e) {
            throw new MalformedMessageException(what + " is not a JSON object: " + firstLine(String.valueOf(e.getMessage())));
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** Encodes and signs one outgoing message. */
    public List<byte[]> encode(Message message) {
        try {
            byte[] header = json.writeValueAsBytes(message.header());
            byte[] parent = json.writeValueAsBytes(message.parentHeader());
            byte[] metadata = json.writeValueAsBytes(message.metadata());
            byte[] content = json.writeValueAsBytes(message.content());
            List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
            frames.addAll(message.identities());
            frames.add(DELIMITER);
            frames.add(signer.sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
            frames.add(header);
            frames.add(parent);
            frames.add(metadata);
            frames.add(content);
            frames.addAll(message.buffers());
            return frames;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message.msgType() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** Whether signing is on. */
    public boolean signing() {
        return signer.enabled();
    }
}
