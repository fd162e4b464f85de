package dev.hearth.kernel.session;

import dev.hearth.kernel.protocol.Message;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What the session needs from the wire: publish on IOPub, reply, and ask for input on stdin. */
public interface KernelIo {

    /** Publishes {@code msgType} on IOPub with {@code parent} as parent (null for none). */
    void publish(Message parent, String msgType, Map<String, Object> content);

    /** Sends the reply to {@code request} on the channel it came from (control or shell). */
    void reply(Message request, boolean control, String msgType, Map<String, Object> content);

    /** Sends an {@code input_request} for {@code request}; completes {@code answer} with the reply's value. */
    void requestInput(Message request, String prompt, boolean password, CompletableFuture<String> answer);
}
