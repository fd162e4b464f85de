package dev.hearth.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hearth's {@link HttpAccess}: the JDK HTTP client with redirects followed by hand so that the
 * {@link NetworkPolicy} checks every hop, one deadline for the whole call, a body size cap that
 * stops reading (not just discards) past the limit, and cancellation that aborts the exchange.
 *
 * <p>The policy check resolves the host before the client connects; the client resolves it again,
 * so a DNS answer that changes in between (rebinding) is not caught. Refusing by name and by
 * address covers the usual cases (local names, literal addresses, redirects to them).
 */
public final class PolicyHttpAccess implements HttpAccess {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final String USER_AGENT = "Hearth/0.1 (+personal AI shell)";

    private final NetworkPolicy policy;
    private final Cancellation cancellation;

    /**
     * @param policy       which hosts may be reached
     * @param cancellation aborts a call in progress when it fires
     */
    public PolicyHttpAccess(NetworkPolicy policy, Cancellation cancellation) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
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
            policy.check(current);
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
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                .timeout(Duration.ofNanos(remaining))
                .header("User-Agent", USER_AGENT);
        options.headers().forEach(request::header);
        CompletableFuture<HttpResponse<CappedBody>> future;
        try {
            future = CLIENT.sendAsync(request.build(), info -> new CappedSubscriber(options.maxBytes()));
        } catch (IllegalArgumentException e) {
            throw new ActionException("cannot fetch " + uri + ": " + e.getMessage());
        }
        try (AutoCloseable ignored = cancellation.onCancel(() -> future.cancel(true))) {
            HttpResponse<CappedBody> response = future.get(remaining, TimeUnit.NANOSECONDS);
            Map<String, List<String>> headers = new TreeMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            CappedBody body = response.body();
            return new HttpResult(response.statusCode(), uri, headers, body.bytes(), body.truncated());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(original, options);
        } catch (CancellationException | InterruptedException e) {
            future.cancel(true);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ActionCancelledException("fetch " + original);
        } catch (ExecutionException e) {
            if (cancellation.isCancelled()) {
                throw new ActionCancelledException("fetch " + original);
            }
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw timedOut(original, options);
            }
            String reason = cause instanceof java.net.ConnectException ? "connection refused"
                    : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            throw new ActionException("cannot fetch " + uri + ": " + reason, cause);
        } catch (Exception e) {
            throw new ActionException("cannot fetch " + uri + ": " + e, e);
        }
    }

    private static ActionException timedOut(URI uri, HttpOptions options) {
        return new ActionException("timed out after " + options.timeout().toMillis() / 1000.0 + " s fetching " + uri);
    }

    private record CappedBody(byte[] bytes, boolean truncated) {
    }

    /** Collects the body up to a limit, then cancels the rest of the transfer. */
    private static final class CappedSubscriber implements HttpResponse.BodySubscriber<CappedBody> {
        private final long max;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CompletableFuture<CappedBody> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedSubscriber(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<CappedBody> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                int room = (int) Math.min(Integer.MAX_VALUE, max - buffer.size());
                int take = Math.min(room, item.remaining());
                byte[] chunk = new byte[take];
                item.get(chunk);
                buffer.write(chunk, 0, take);
                if (item.hasRemaining()) {
                    subscription.cancel();
                    result.complete(new CappedBody(buffer.toByteArray(), true));
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error instanceof IOException ? error : new IOException(error));
        }

        @Override
        public void onComplete() {
            result.complete(new CappedBody(buffer.toByteArray(), false));
        }
    }
}
