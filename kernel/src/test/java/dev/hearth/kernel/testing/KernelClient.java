package dev.hearth.kernel.testing;

import dev.hearth.kernel.protocol.MalformedMessageException;
import dev.hearth.kernel.protocol.Message;
import dev.hearth.kernel.protocol.MessageFactory;
import dev.hearth.kernel.protocol.Signer;
import dev.hearth.kernel.protocol.WireCodec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A minimal Jupyter client over jeromq for kernel-level tests: send requests on shell or control,
 * collect a request's IOPub messages until its {@code idle}, answer {@code input_request}s.
 * Not thread-safe.
 */
public final class KernelClient implements AutoCloseable {

    private final ZContext context = new ZContext();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket stdin;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket heartbeat;
    private final WireCodec codec;
    private final Signer signer;
    private final MessageFactory messages = new MessageFactory("test-client");
    private final List<Message> iopubBacklog = new ArrayList<>();
    private final List<Message> inputBacklog = new ArrayList<>();
    private final List<Message> replyBacklog = new ArrayList<>();

    /** Everything a request produced. */
    public record Exchange(Message reply, List<Message> iopub, List<Message> inputRequests,
                           Map<String, Long> arrivalNanos) {

        /** When the message with {@code msgId} reached the client ({@link System#nanoTime()}). */
        public long arrival(Message message) {
            return arrivalNanos.getOrDefault(message.msgId(), -1L);
        }

        /** The reply's content. */
        public Map<String, Object> content() {
            return reply.content();
        }

        /** The IOPub messages of the given type, in order. */
        public List<Message> iopub(String msgType) {
            return iopub.stream().filter(m -> m.msgType().equals(msgType)).toList();
        }

        /** All {@code stream} text of {@code name} (stdout/stderr), concatenated. */
        public String stream(String name) {
            StringBuilder text = new StringBuilder();
            iopub("stream").stream().filter(m -> name.equals(m.content().get("name")))
                    .forEach(m -> text.append(m.content().get("text")));
            return text.toString();
        }

        /** The {@code text/plain} of the {@code execute_result}, or null. */
        public String resultText() {
            return iopub("execute_result").stream().findFirst()
                    .map(m -> String.valueOf(((Map<?, ?>) m.content().get("data")).get("text/plain"))).orElse(null);
        }

        /** The reply's status. */
        public String status() {
            return String.valueOf(reply.content().get("status"));
        }
    }

    KernelClient(Map<String, Object> connection) {
        String ip = "tcp://" + connection.get("ip") + ":";
        String key = String.valueOf(connection.get("key"));
        this.signer = Signer.create("hmac-sha256", key);
        this.codec = new WireCodec(Signer.create("hmac-sha256", key), Long.MAX_VALUE);
        byte[] identity = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        shell = socket(SocketType.DEALER, identity, ip + connection.get("shell_port"));
        control = socket(SocketType.DEALER, null, ip + connection.get("control_port"));
        stdin = socket(SocketType.DEALER, identity, ip + connection.get("stdin_port"));
        iopub = context.createSocket(SocketType.SUB);
        iopub.setLinger(0);
        iopub.subscribe(new byte[0]);
        iopub.connect(ip + connection.get("iopub_port"));
        heartbeat = socket(SocketType.REQ, null, ip + connection.get("hb_port"));
    }

    private ZMQ.Socket socket(SocketType type, byte[] identity, String endpoint) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(0);
        if (identity != null) {
            socket.setIdentity(identity);
        }
        socket.connect(endpoint);
        return socket;
    }

    /** Sends kernel_info until IOPub is connected and the kernel answers. */
    void waitForReady(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            String id = send(shell, "kernel_info_request", Map.of());
            Message reply = receive(shell, Math.min(2000, deadline - System.currentTimeMillis()));
            if (reply != null) {
                long until = System.currentTimeMillis() + 500;
                while (System.currentTimeMillis() < until) {
                    Message status = receive(iopub, 100);
                    if (status != null && id.equals(status.parentHeader().get("msg_id"))) {
                        drainIopub(200);
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("kernel did not become ready within " + timeoutMillis + " ms");
    }

    /** Builds and sends a request on {@code socket}; returns its msg_id. */
    private String send(ZMQ.Socket socket, String msgType, Map<String, Object> content) {
        Message message = new Message(List.of(), messages.header(msgType), Map.of(), Map.of(), content, List.of());
        sendFrames(socket, codec.encode(message));
        return message.msgId();
    }

    /** Sends raw frames on the shell socket (for garbage and forged-signature tests). */
    public void sendRawShell(List<byte[]> frames) {
        sendFrames(shell, frames);
    }

    /** Encodes a request with this client's key (to tamper with before {@link #sendRawShell}). */
    public List<byte[]> encodeRequest(String msgType, Map<String, Object> content) {
        return codec.encode(new Message(List.of(), messages.header(msgType), Map.of(), Map.of(), content, List.of()));
    }

    /** The signer of this client's key. */
    public Signer signer() {
        return signer;
    }

    private static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    private Message receive(ZMQ.Socket socket, long timeoutMillis) {
        socket.setReceiveTimeOut((int) Math.max(1, timeoutMillis));
        byte[] first = socket.recv(0);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        try {
            return codec.decode(frames);
        } catch (MalformedMessageException e) {
            throw new AssertionError("kernel sent an invalid message: " + e.getMessage());
        }
    }

    private void drainIopub(long millis) {
        while (receive(iopub, millis) != null) {
            // discard start-up noise
        }
    }

    /** Sends a shell request and waits for its reply and idle. */
    public Exchange request(String msgType, Map<String, Object> content, long timeoutMillis) {
        String id = send(shell, msgType, content);
        return collect(id, shell, timeoutMillis, prompt -> {
            throw new AssertionError("unexpected input_request: " + prompt);
        });
    }

    /** Sends a control request and waits for its reply and idle. */
    public Exchange controlRequest(String msgType, Map<String, Object> content, long timeoutMillis) {
        String id = send(control, msgType, content);
        return collect(id, control, timeoutMillis, prompt -> "");
    }

    /** Sends an execute request without waiting; returns its msg_id. */
    public String submit(String code, Map<String, Object> options) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("code", code);
        content.put("silent", false);
        content.put("store_history", true);
        content.put("user_expressions", Map.of());
        content.put("allow_stdin", false);
        content.put("stop_on_error", true);
        content.putAll(options);
        return send(shell, "execute_request", content);
    }

    /** Sends an interrupt_request on control without waiting for the execution. */
    public Exchange interrupt() {
        return controlRequest("interrupt_request", Map.of(), 5000);
    }

    /** Runs {@code code} and waits (at most {@code timeoutMillis}) for its reply and idle. */
    public Exchange execute(String code, long timeoutMillis) {
        return await(submit(code, Map.of()), timeoutMillis);
    }

    /** Runs {@code code} with 60 s to finish. */
    public Exchange execute(String code) {
        return execute(code, 60_000);
    }

    /** Runs {@code code} with stdin allowed, answering each {@code input_request} with {@code answers}. */
    public Exchange executeWithInput(String code, Function<String, String> answers, long timeoutMillis) {
        String id = submit(code, Map.of("allow_stdin", true));
        return collect(id, shell, timeoutMillis, answers);
    }

    /** Waits for the reply and idle of a request sent with {@link #submit}. */
    public Exchange await(String msgId, long timeoutMillis) {
        return collect(msgId, shell, timeoutMillis, prompt -> {
            throw new AssertionError("unexpected input_request: " + prompt);
        });
    }

    /** Waits for a request's reply and idle, recording but never answering its input requests. */
    public Exchange awaitWithoutAnsweringInput(String msgId, long timeoutMillis) {
        return collect(msgId, shell, timeoutMillis, prompt -> null);
    }

    private Exchange collect(String msgId, ZMQ.Socket replySocket, long timeoutMillis,
                             Function<String, String> answers) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        Message reply = null;
        boolean idle = false;
        List<Message> iopubMessages = new ArrayList<>();
        List<Message> inputs = new ArrayList<>();
        Map<String, Long> arrivals = new LinkedHashMap<>();
        for (var it = replyBacklog.iterator(); it.hasNext(); ) {
            Message m = it.next();
            if (msgId.equals(m.parentHeader().get("msg_id"))) {
                reply = m;
                arrivals.put(m.msgId(), System.nanoTime());
                it.remove();
            }
        }
        for (var it = inputBacklog.iterator(); it.hasNext(); ) {
            Message m = it.next();
            if (msgId.equals(m.parentHeader().get("msg_id"))) {
                inputs.add(m);
                it.remove();
            }
        }
        for (var it = iopubBacklog.iterator(); it.hasNext(); ) {
            Message m = it.next();
            if (msgId.equals(m.parentHeader().get("msg_id"))) {
                iopubMessages.add(m);
                idle |= isIdle(m);
                it.remove();
            }
        }
        ZMQ.Poller poller = context.createPoller(3);
        poller.register(replySocket, ZMQ.Poller.POLLIN);
        poller.register(iopub, ZMQ.Poller.POLLIN);
        poller.register(stdin, ZMQ.Poller.POLLIN);
        try {
            while (reply == null || !idle) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no " + (reply == null ? "reply" : "idle") + " for " + msgId
                            + " within " + timeoutMillis + " ms; iopub so far: "
                            + iopubMessages.stream().map(Message::msgType).toList());
                }
                poller.poll(left);
                if (poller.pollin(0)) {
                    Message m = receive(replySocket, 1);
                    if (m != null && msgId.equals(m.parentHeader().get("msg_id"))) {
                        reply = m;
                        arrivals.put(m.msgId(), System.nanoTime());
                    } else if (m != null && replySocket == shell) {
                        replyBacklog.add(m);
                    }
                }
                if (poller.pollin(1)) {
                    Message m;
                    while ((m = receive(iopub, 1)) != null) {
                        if (msgId.equals(m.parentHeader().get("msg_id"))) {
                            iopubMessages.add(m);
                            arrivals.put(m.msgId(), System.nanoTime());
                            idle |= isIdle(m);
                        } else {
                            iopubBacklog.add(m);
                        }
                    }
                }
                if (poller.pollin(2)) {
                    Message request = receive(stdin, 1);
                    if (request != null && "input_request".equals(request.msgType())) {
                        if (!msgId.equals(request.parentHeader().get("msg_id"))) {
                            inputBacklog.add(request);
                            continue;
                        }
                        inputs.add(request);
                        String answer = answers.apply(String.valueOf(request.content().get("prompt")));
                        if (answer == null) {
                            continue;
                        }
                        Message replyMessage = new Message(List.of(), messages.header("input_reply"), request.header(),
                                Map.of(), Map.of("value", answer), List.of());
                        sendFrames(stdin, codec.encode(replyMessage));
                    }
                }
            }
        } finally {
            poller.close();
        }
        return new Exchange(reply, iopubMessages, inputs, arrivals);
    }

    private static boolean isIdle(Message m) {
        return "status".equals(m.msgType()) && "idle".equals(m.content().get("execution_state"));
    }

    /** Pings the heartbeat; true when it echoes within {@code timeoutMillis}. */
    public boolean heartbeat(long timeoutMillis) {
        heartbeat.send("ping".getBytes(StandardCharsets.UTF_8), 0);
        heartbeat.setReceiveTimeOut((int) timeoutMillis);
        byte[] echo = heartbeat.recv(0);
        return echo != null && "ping".equals(new String(echo, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        context.close();
    }
}
