package dev.hearth.api;

import dev.hearth.api.testing.LoopbackServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyHttpAccessTest {

    private final LoopbackServer server = LoopbackServer.start();
    private final HttpAccess user = PolicyHttpAccess.forOrigin(Origin.USER, Cancellation.none());
    private final HttpAccess model = PolicyHttpAccess.forOrigin(Origin.MODEL, Cancellation.none());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void userCallsReachLocalServicesAndFollowRedirects() {
        server.page("/page", "text/plain; charset=utf-8", "hello").redirect("/old", 302, "/page");
        HttpResult result = user.get(server.uri("/old"), HttpOptions.DEFAULT);
        assertEquals(200, result.status());
        assertEquals(server.uri("/page"), result.uri());
        assertEquals("hello", new String(result.body(), StandardCharsets.UTF_8));
        assertEquals(List.of("/old", "/page"), server.requests());
    }

    @Test
    void modelCallsToLocalAddressesAreRefusedBeforeConnecting() {
        server.page("/secret", "text/plain", "secret");
        int port = server.port();
        for (String url : List.of("http://127.0.0.1:" + port + "/secret", "http://localhost:" + port + "/secret",
                "http://[::1]:" + port + "/secret", "http://169.254.169.254/latest/meta-data/",
                "http://10.1.2.3/", "http://192.168.0.1/", "http://0.0.0.0:" + port + "/secret",
                "http://[fd00:ec2::254]/", "http://[::ffff:127.0.0.1]:" + port + "/secret")) {
            ActionException e = assertThrows(ActionException.class, () -> model.get(URI.create(url), HttpOptions.DEFAULT), url);
            assertTrue(e.getMessage().contains("local or private address"), e.getMessage());
        }
        assertEquals(List.of(), server.requests());
    }

    @Test
    void aRedirectToLoopbackIsRefusedForModels() {
        try (LoopbackServer target = LoopbackServer.start()) {
            target.page("/admin", "text/plain", "admin");
            server.redirect("/go", 302, "http://localhost:" + target.port() + "/admin");
            // the first server stands in for a public site the user trusts; the hop is still checked
            HttpAccess trusting = new PolicyHttpAccess(
                    NetworkPolicy.PUBLIC_ONLY.trusting(List.of("127.0.0.1:" + server.port())), Cancellation.none());
            ActionException e = assertThrows(ActionException.class, () -> trusting.get(server.uri("/go"), HttpOptions.DEFAULT));
            assertTrue(e.getMessage().contains("refused http://localhost:" + target.port() + "/admin"), e.getMessage());
            assertEquals(List.of("/go"), server.requests());
            assertEquals(List.of(), target.requests());
        }
    }

    @Test
    void nonHttpSchemesAreRefusedForEveryone() {
        for (HttpAccess access : List.of(user, model)) {
            for (String url : List.of("file:///etc/passwd", "ftp://example.invalid/x", "jar:file:/x.jar!/a")) {
                ActionException e = assertThrows(ActionException.class, () -> access.get(URI.create(url), HttpOptions.DEFAULT));
                assertTrue(e.getMessage().contains("only http and https"), e.getMessage());
            }
        }
    }

    @Test
    void bodiesAreCutAtTheCapAndSlowAnswersTimeOut() {
        server.stream("/big", "text/html", 3_000_000, 0).stream("/slow", "text/html", 100_000, 300);
        HttpResult big = user.get(server.uri("/big"), HttpOptions.DEFAULT.withMaxBytes(10_000));
        assertTrue(big.truncated());
        assertEquals(10_000, big.body().length);

        long start = System.nanoTime();
        ActionException slow = assertThrows(ActionException.class,
                () -> user.get(server.uri("/slow"), HttpOptions.DEFAULT.withTimeout(Duration.ofMillis(700))));
        assertTrue(slow.getMessage().startsWith("timed out after 0.7 s"), slow.getMessage());
        assertTrue(System.nanoTime() - start < 3_000_000_000L);
    }

    @Test
    void anInterruptAbortsAWaitingCall() throws Exception {
        server.respond("/hang", 200, "text/plain", new byte[0], 10_000);
        Cancellation.Flag flag = Cancellation.flag();
        HttpAccess access = PolicyHttpAccess.forOrigin(Origin.USER, flag);
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            flag.cancel();
        });
        interrupter.start();
        long start = System.nanoTime();
        assertThrows(ActionCancelledException.class, () -> access.get(server.uri("/hang"), HttpOptions.DEFAULT));
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
        interrupter.join();
    }

    @Test
    void tooManyRedirectsAndRefusedConnectionsAreClearErrors() {
        server.redirect("/loop", 302, "/loop");
        ActionException loop = assertThrows(ActionException.class, () -> user.get(server.uri("/loop"), HttpOptions.DEFAULT));
        assertTrue(loop.getMessage().startsWith("too many redirects"), loop.getMessage());
        int closedPort = server.port();
        server.close();
        ActionException refused = assertThrows(ActionException.class,
                () -> user.get(URI.create("http://127.0.0.1:" + closedPort + "/"), HttpOptions.DEFAULT));
        assertTrue(refused.getMessage().contains("cannot fetch"), refused.getMessage());
        assertFalse(NetworkPolicy.isPublic(new java.net.InetSocketAddress("100.64.1.1", 0).getAddress()));
    }

    @Test
    void theAddressCheckedIsTheAddressConnectedTo() throws Exception {
        // A public-looking name whose DNS answer is loopback, as a rebinding attacker would serve it
        // between a check and a connect: the model's call resolves it once, in the client, and refuses.
        server.page("/inside", "text/plain", "inside");
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        PolicyHttpAccess.Resolver rebinding = host -> {
            lookups.incrementAndGet();
            return new java.net.InetAddress[] {java.net.InetAddress.getLoopbackAddress()};
        };
        URI url = URI.create("http://rebind.example:" + server.port() + "/inside");
        HttpAccess forModel = new PolicyHttpAccess(NetworkPolicy.PUBLIC_ONLY, Cancellation.none(), rebinding);
        ActionException refused = assertThrows(ActionException.class, () -> forModel.get(url, HttpOptions.DEFAULT));
        assertTrue(refused.getMessage().contains("local or private address (127.0.0.1)"), refused.getMessage());
        assertEquals(1, lookups.get(), "one lookup: the one the connection would have used");
        assertEquals(List.of(), server.requests());

        // The user's own call connects to exactly that answer: what the resolver says is what is used.
        lookups.set(0);
        HttpAccess forUser = new PolicyHttpAccess(NetworkPolicy.OPEN, Cancellation.none(), rebinding);
        HttpResult result = forUser.get(url, HttpOptions.DEFAULT);
        assertEquals("inside", new String(result.body(), StandardCharsets.UTF_8));
        assertEquals(1, lookups.get());
        assertEquals(List.of("/inside"), server.requests());
    }
}
