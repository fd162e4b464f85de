package dev.hearth.kernel.transport;

import dev.hearth.kernel.protocol.MalformedMessageException;
import dev.hearth.kernel.protocol.Message;
import dev.hearth.kernel.protocol.WireCodec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * The five ZeroMQ sockets of a kernel. One I/O thread owns shell, control, stdin and IOPub: it
 * receives, authenticates and hands messages to the listener, and sends what other threads queued
 * with {@link #send}, in the order they were queued. The heartbeat echoes on a thread of its own.
 *
 * <p>Messages that fail authentication or framing are logged and dropped; nothing answers them.
 * Authentic requests that are refused (too large, unreadable content) go to {@link #onRefused}.
 */
public final class Transport implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Transport.class.getName());

    private final ConnectionInfo connection;
    private final WireCodec codec;
    private final BiConsumer<Channel, Message> listener;
    private final long maxMessageBytes;
    private final ZContext context = new ZContext(1);
    private final Map<Channel, ZMQ.Socket> sockets = new EnumMap<>(Channel.class);
    private final ConcurrentLinkedQueue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch ioStopped = new CountDownLatch(1);
    private final Pipe wakePipe;
    private volatile RefusalListener refusals = (channel, request, reason) -> { };
    private Thread ioThread;
    private Thread heartbeatThread;

    private record Outgoing(Channel channel, Message message) {
    }

    /**
     * @param connection      where to bind
     * @param codec           decodes, verifies and signs
     * @param maxMessageBytes the largest incoming message accepted
     * @param listener        called on the I/O thread for every authentic message; must not block
     */
    public Transport(ConnectionInfo connection, WireCodec codec, long maxMessageBytes,
                     BiConsumer<Channel, Message> listener) {
        this.connection = connection;
        this.codec = codec;
        this.maxMessageBytes = maxMessageBytes;
        this.listener = listener;
        try {
            this.wakePipe = Pipe.open();
            wakePipe.source().configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the transport's wake-up pipe", e);
        }
    }

    /** Told about authentic requests that were refused (too large, unreadable content), so they can be answered. */
    @FunctionalInterface
    public interface RefusalListener {
        /**
         * @param request the request's header, parent and identities, with empty content
         * @param reason  why it was refused
         */
        void refused(Channel channel, Message request, String reason);
    }

    /** Sets who answers refused requests (called on the I/O thread; must not block). Call before {@link #start}. */
    public Transport onRefused(RefusalListener listener) {
        this.refusals = listener;
        return this;
    }

    /** Binds all sockets and starts the I/O and heartbeat threads. */
    public void start() {
        bind(Channel.SHELL, SocketType.ROUTER, connection.shellPort());
        bind(Channel.CONTROL, SocketType.ROUTER, connection.controlPort());
        bind(Channel.STDIN, SocketType.ROUTER, connection.stdinPort());
        bind(Channel.IOPUB, SocketType.PUB, connection.iopubPort());
        ZMQ.Socket heartbeat = bind(Channel.HEARTBEAT, SocketType.REP, connection.heartbeatPort());
        ioThread = new Thread(this::ioLoop, "hearth-io");
        ioThread.setDaemon(true);
        ioThread.start();
        heartbeatThread = new Thread(() -> heartbeatLoop(heartbeat), "hearth-heartbeat");
        heartbeatThread.setDaemon(true);
        heartbeatThread.start();
    }

    private ZMQ.Socket bind(Channel channel, SocketType type, int port) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(1000);
        if (type == SocketType.ROUTER) {
            // A hard cap far above the codec's limit: beyond it ZeroMQ drops the sender's connection,
            // below it the codec drops just the message and the client stays connected.
            socket.setMaxMsgSize(maxMessageBytes > Long.MAX_VALUE / 4 ? -1 : maxMessageBytes * 4);
            socket.setRouterHandover(true);
        }
        if (type == SocketType.PUB) {
            socket.setSndHWM(0);
        }
        String endpoint = connection.endpoint(port);
        if (!socket.bind(endpoint)) {
            throw new IllegalStateException("cannot bind " + channel + " to " + endpoint);
        }
        sockets.put(channel, socket);
        return socket;
    }

    /** Queues {@code message} for {@code channel}; thread-safe, never blocks. */
    public void send(Channel channel, Message message) {
        outbox.add(new Outgoing(channel, message));
        wake();
    }

    private void wake() {
        if (wakePending.compareAndSet(false, true)) {
            try {
                wakePipe.sink().write(ByteBuffer.wrap(new byte[]{1}));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot wake the I/O thread: " + e);
            }
        }
    }

    private void ioLoop() {
        Channel[] polled = {Channel.SHELL, Channel.CONTROL, Channel.STDIN};
        ZMQ.Poller poller = context.createPoller(polled.length + 1);
        for (Channel channel : polled) {
            poller.register(sockets.get(channel), ZMQ.Poller.POLLIN);
        }
        int wakeIndex = poller.register(wakePipe.source(), ZMQ.Poller.POLLIN);
        ByteBuffer drain = ByteBuffer.allocate(64);
        try {
            while (running.get()) {
                if (poller.poll(1000) < 0) {
                    break;
                }
                if (poller.pollin(wakeIndex)) {
                    drain.clear();
                    while (wakePipe.source().read(drain) > 0) {
                        drain.clear();
                    }
                }
                wakePending.set(false);
                flushOutbox();
                for (int i = 0; i < polled.length; i++) {
                    if (poller.pollin(i)) {
                        receiveAll(polled[i]);
                    }
                }
            }
            flushOutbox();
        } catch (ZMQException | IOException | java.nio.channels.ClosedSelectorException e) {
            if (running.get()) {
                LOG.log(System.Logger.Level.ERROR, "transport I/O loop failed", e);
            }
        } finally {
            poller.close();
            ioStopped.countDown();
        }
    }

    private void receiveAll(Channel channel) {
        ZMQ.Socket socket = sockets.get(channel);
        while (true) {
            byte[] first = socket.recv(ZMQ.DONTWAIT);
            if (first == null) {
                return;
            }
            List<byte[]> frames = new ArrayList<>();
            frames.add(first);
            while (socket.hasReceiveMore()) {
                frames.add(socket.recv(0));
            }
            Message message;
            try {
                message = codec.decode(frames);
            } catch (MalformedMessageException e) {
                if (e.answerable().isPresent() && channel != Channel.STDIN) {
                    LOG.log(System.Logger.Level.WARNING, "refused a message on " + channel + ": " + e.getMessage());
                    refusals.refused(channel, e.answerable().get(), e.getMessage());
                } else {
                    LOG.log(System.Logger.Level.WARNING, "dropped a message on " + channel + ": " + e.getMessage());
                }
                continue;
            }
            try {
                listener.accept(channel, message);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "handler for " + message.msgType() + " failed", e);
            }
        }
    }

    private void flushOutbox() {
        Outgoing next;
        while ((next = outbox.poll()) != null) {
            List<byte[]> frames;
            try {
                frames = codec.encode(next.message());
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.ERROR, e.getMessage());
                continue;
            }
            ZMQ.Socket socket = sockets.get(next.channel());
            for (int i = 0; i < frames.size(); i++) {
                socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
            }
        }
    }

    private void heartbeatLoop(ZMQ.Socket socket) {
        try {
            while (running.get()) {
                byte[] ping = socket.recv(0);
                if (ping == null) {
                    return;
                }
                socket.send(ping, 0);
            }
        } catch (ZMQException | IllegalStateException e) {
            // closed on shutdown
        }
    }

    /** Sends everything queued so far, then closes all sockets (waits at most {@code timeoutMillis}). */
    @Override
    public void close() {
        close(1000);
    }

    /** As {@link #close()}, with a bound on the wait for queued messages to leave. */
    public void close(long timeoutMillis) {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        wakePending.set(false);
        wake();
        try {
            ioStopped.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sockets.values().forEach(s -> s.setLinger(Math.min(timeoutMillis, 200)));
        context.close();
        try {
            wakePipe.sink().close();
            wakePipe.source().close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
