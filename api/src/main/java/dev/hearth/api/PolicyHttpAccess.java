package dev.hearth.api;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hearth's {@link HttpAccess}: Apache HttpClient with redirects followed by hand so that the
 * {@link NetworkPolicy} checks every hop, one deadline for the whole call, a body size cap that
 * stops reading (not just discards) past the limit, and cancellation that aborts the exchange.
 *
 * <p>Where the policy checks addresses, it checks them inside the client's DNS resolver: the
 * addresses checked are the very addresses the connection then uses, so a DNS answer that changes
 * between a check and the connect (DNS rebinding) cannot slip a local address through.
 */
public final class PolicyHttpAccess implements HttpAccess {

    private static final String USER_AGENT = "Hearth/0.1 (+personal AI shell)";
    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(10);
    private static final ScheduledExecutorService DEADLINES =
            Executors.newSingleThreadScheduledExecutor(BackgroundThreads.daemon("hearth-http-deadline"));
    private static final Clients SYSTEM_DNS = new Clients(InetAddress::getAllByName);

    /** Resolves a host name to its addresses; tests stand in for DNS with it. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final NetworkPolicy policy;
    private final Cancellation cancellation;
    private final Clients clients;

    /**
     * @param policy       which hosts may be reached
     * @param cancellation aborts a call in progress when it fires
     */
    public PolicyHttpAccess(NetworkPolicy policy, Cancellation cancellation) {
        this(policy, cancellation, SYSTEM_DNS);
    }

    /** With {@code resolver} in place of DNS (for tests). */
    PolicyHttpAccess(NetworkPolicy policy, Cancellation cancellation, Resolver resolver) {
        this(policy, cancellation, new Clients(resolver));
    }

    private PolicyHttpAccess(NetworkPolicy policy, Cancellation cancellation, Clients clients) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        this.clients = clients;
    }

    /** {@link NetworkPolicy#PUBLIC_ONLY} for a model's call, {@link NetworkPolicy#OPEN} for the user's. */
    public static PolicyHttpAccess forOrigin(Origin origin, Cancellation cancellation) {
        return new PolicyHttpAccess(origin == Origin.MODEL ? NetworkPolicy.PUBLIC_ONLY : NetworkPolicy.OPEN,
                cancellation);
    }

    @Override
    public NetworkPolicy policy() {
        return policy;
    }

    @Override
    public HttpResult get(URI uri, HttpOptions options) {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        URI current = uri;
        for (int hop = 0; ; hop++) {
            policy.checkUrl(current);
            HttpResult result = once(uri, current, options, deadline);
            int status = result.status();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            if (!redirect || result.header("location").isEmpty()) {
                return result;
            }
            if (hop >= options.maxRedirects()) {
                throw new ActionException("too many redirects (more than " + options.maxRedirects() + ") fetching " + uri);
            }
            try {
                current = current.resolve(result.header("location").get().strip());
            } catch (IllegalArgumentException e) {
                throw new ActionException("bad redirect from " + current + ": " + e.getMessage());
            }
        }
    }

    private HttpResult once(URI original, URI uri, HttpOptions options, long deadline) {
        if (cancellation.isCancelled()) {
            throw new ActionCancelledException("fetch " + original);
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut(original, options);
        }
        HttpGet request;
        try {
            request = new HttpGet(uri);
        } catch (IllegalArgumentException e) {
            throw new ActionException("cannot fetch " + uri + ": " + e.getMessage());
        }
        Timeout left = Timeout.ofMilliseconds(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
        request.setConfig(RequestConfig.custom().setResponseTimeout(left).setConnectionRequestTimeout(left).build());
        options.headers().forEach(request::setHeader);
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> timer = DEADLINES.schedule(() -> {
            expired.set(true);
            request.cancel();
        }, remaining, TimeUnit.NANOSECONDS);
        CloseableHttpClient client = policy.checksAddressesOf(uri) ? clients.publicOnly : clients.open;
        try (AutoCloseable ignored = cancellation.onCancel(request::cancel);
             ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            Map<String, List<String>> headers = new TreeMap<>();
            for (Header header : response.getHeaders()) {
                headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(header.getValue());
            }
            HttpEntity entity = response.getEntity();
            byte[] body = new byte[0];
            boolean truncated = false;
            if (entity != null) {
                try (InputStream in = entity.getContent()) {
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                    truncated = copyAtMost(in, buffer, options.maxBytes());
                    body = buffer.toByteArray();
                    if (truncated) {
                        request.cancel(); // drop the connection instead of reading the rest
                    }
                }
            }
            if (cancellation.isCancelled()) {
                throw new ActionCancelledException("fetch " + original); // an abort mid-body reads as a short body
            }
            return new HttpResult(response.getCode(), uri, headers, body, truncated);
        } catch (RefusedAddressException e) {
            throw new ActionException("refused " + uri + ": " + uri.getHost() + " is a local or private address ("
                    + e.address.getHostAddress() + "), which a model may not reach");
        } catch (Exception e) {
            if (cancellation.isCancelled()) {
                throw new ActionCancelledException("fetch " + original);
            }
            if (expired.get() || e instanceof java.net.SocketTimeoutException) {
                throw timedOut(original, options);
            }
            if (e instanceof ActionException action) {
                throw action;
            }
            String reason = e instanceof ConnectException ? "connection refused"
                    : e instanceof UnknownHostException ? "cannot resolve host " + uri.getHost()
                    : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new ActionException("cannot fetch " + uri + ": " + reason, e);
        } finally {
            timer.cancel(false);
        }
    }

    /** Copies up to {@code max} bytes; true when there was more. */
    private static boolean copyAtMost(InputStream in, ByteArrayOutputStream out, long max) throws IOException {
        byte[] chunk = new byte[16 * 1024];
        long left = max;
        while (true) {
            int want = (int) Math.min(chunk.length, left + 1);
            int n = in.read(chunk, 0, want);
            if (n < 0) {
                return false;
            }
            if (n > left) {
                out.write(chunk, 0, (int) left);
                return true;
            }
            out.write(chunk, 0, n);
            left -= n;
        }
    }

    private static ActionException timedOut(URI uri, HttpOptions options) {
        return new ActionException("timed out after " + options.timeout().toMillis() / 1000.0 + " s fetching " + uri);
    }

    /** Thrown by the checking resolver: the host resolved to an address a model may not reach. */
    private static final class RefusedAddressException extends UnknownHostException {
        private static final long serialVersionUID = 1L;
        private final transient InetAddress address;

        RefusedAddressException(String host, InetAddress address) {
            super(host + " resolves to the non-public address " + address.getHostAddress());
            this.address = address;
        }
    }

    /** The two clients over one resolver: one that checks every resolved address, one that does not. */
    private static final class Clients {
        final CloseableHttpClient open;
        final CloseableHttpClient publicOnly;

        Clients(Resolver resolver) {
            open = build(new PolicyResolver(resolver, false));
            publicOnly = build(new PolicyResolver(resolver, true));
        }

        private static CloseableHttpClient build(DnsResolver dns) {
            return HttpClients.custom()
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setDnsResolver(dns)
                            // a kept-alive connection the server has since closed is checked before reuse, not failed on
                            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(CONNECT_TIMEOUT)
                                    .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                    .setTimeToLive(TimeValue.ofMinutes(1)).build())
                            .build())
                    .disableRedirectHandling()
                    .disableAutomaticRetries()
                    .disableCookieManagement()
                    .setUserAgent(USER_AGENT)
                    .build();
        }
    }

    /** Resolves through {@code resolver} and, when {@code publicOnly}, refuses any non-public answer. */
    private record PolicyResolver(Resolver resolver, boolean publicOnly) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            String bare = NetworkPolicy.bare(host);
            InetAddress[] addresses = resolver.resolve(bare);
            if (publicOnly) {
                for (InetAddress address : addresses) {
                    if (!NetworkPolicy.isPublic(address)) {
                        throw new RefusedAddressException(bare, address);
                    }
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return resolve(host)[0].getCanonicalHostName();
        }
    }
}
