package dev.hearth.kernel.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one Jackson mapper of the kernel: the wire, the rooms' files (chats, manifests, notebooks)
 * and model answers all read and write through it. Settings that differ per use are applied on a
 * reader or writer made from it ({@code mapper().readerFor(T.class).without(...)}), never on a
 * second mapper.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /** The shared mapper (thread-safe once configured; never reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
