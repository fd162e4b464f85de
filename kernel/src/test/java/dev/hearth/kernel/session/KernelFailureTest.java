package dev.hearth.kernel.session;

import dev.hearth.kernel.protocol.Message;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session's last line of defence, in process: handlers that throw, and a wire that fails. */
class KernelFailureTest {

    /** Records what the kernel sends; can be told to fail on replies. */
    private static final class RecordingIo implements KernelIo {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<Map<String, Object>> replies = new CopyOnWriteArrayList<>();
        volatile boolean failReplies;

        @Override
        public void publish(Message parent, String msgType, Map<String, Object> content) {
            sent.add(msgType.equals("status") ? "status:" + content.get("execution_state") : msgType);
        }

        @Override
        public void reply(Message request, boolean control, String msgType, Map<String, Object> content) {
            if (failReplies) {
                throw new IllegalStateException("the wire is gone");
            }
            sent.add(msgType);
            replies.add(content);
        }

        @Override
        public void requestInput(Message request, String prompt, boolean password, CompletableFuture<String> answer) {
            answer.completeExceptionally(new IllegalStateException("no stdin here"));
        }

        boolean await(String what, int count) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 5000;
            while (System.currentTimeMillis() < deadline) {
                if (sent.stream().filter(what::equals).count() >= count) {
                    return true;
                }
                Thread.sleep(10);
            }
            return false;
        }
    }

    private static Message request(String type, Map<String, Object> content) {
        Map<String, Object> header = Map.of("msg_id", UUID.randomUUID().toString(), "msg_type", type,
                "session", "s", "username", "u", "version", "5.3", "date", "2026-12-03T00:00:00Z");
        return new Message(List.of(), header, Map.of(), Map.of(), content, List.of());
    }

    @Test
    void everyErrorAHandlerThrowsEndsWithAnErrorReplyAndIdle() throws Exception {
        RecordingIo io = new RecordingIo();
        List<Throwable> errors = List.of(new StackOverflowError(), new OutOfMemoryError("Java heap space"),
                new NoClassDefFoundError("com/example/Gone"), new java.util.ServiceConfigurationError("broken"),
                new AssertionError("unexpected"));
        int[] next = {0};
        Dispatcher dispatcher = new Dispatcher().register("execute_request", Dispatcher.Lane.SHELL, (req, ctx) -> {
            Throwable t = errors.get(next[0]++);
            if (t instanceof Error e) {
                throw e;
            }
            throw (Exception) t;
        });
        Kernel kernel = new Kernel(io, dispatcher, () -> null, () -> { }, () -> { throw new AssertionError("not fatal"); });
        kernel.start();
        for (int i = 0; i < errors.size(); i++) {
            kernel.accept(false, request("execute_request", Map.of("code", "%boom")));
        }
        assertTrue(io.await("execute_reply", errors.size()), String.valueOf(io.sent));
        assertTrue(io.await("status:idle", errors.size()));
        for (int i = 0; i < errors.size(); i++) {
            Map<String, Object> reply = io.replies.get(i);
            assertEquals("error", reply.get("status"));
            assertEquals(errors.get(i).getClass().getSimpleName(), reply.get("ename"));
        }
        assertEquals(errors.size(), io.sent.stream().filter("error"::equals).count(), "each cell shows its error");
        assertTrue(String.valueOf(io.replies.get(0).get("evalue")).contains("recursion"), String.valueOf(io.replies.get(0)));
    }

    @Test
    void whenTheShellCannotReplyTheKernelEndsInsteadOfHangingSilently() throws Exception {
        RecordingIo io = new RecordingIo();
        io.failReplies = true;
        CountDownLatch fatal = new CountDownLatch(1);
        Dispatcher dispatcher = new Dispatcher().register("execute_request", Dispatcher.Lane.SHELL,
                (req, ctx) -> Map.of("status", "ok"));
        Kernel kernel = new Kernel(io, dispatcher, () -> null, () -> { }, fatal::countDown);
        kernel.start();
        kernel.accept(false, request("execute_request", Map.of("code", "1")));
        assertTrue(fatal.await(5, TimeUnit.SECONDS), "the fatal hook ran: " + io.sent);
    }
}
