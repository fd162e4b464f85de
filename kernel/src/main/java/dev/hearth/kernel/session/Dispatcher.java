package dev.hearth.kernel.session;

import dev.hearth.kernel.protocol.Message;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one table from request type to handler. Shell handlers run one at a time on the shell
 * thread, in arrival order; control handlers run at once on the control thread, even while a cell
 * is running.
 */
public final class Dispatcher {

    /** Where a handler runs. */
    public enum Lane { SHELL, CONTROL }

    /** Answers one request: returns the reply content (the reply type is derived from the request's). */
    @FunctionalInterface
    public interface Handler {
        Map<String, Object> handle(Message request, RequestContext ctx) throws Exception;
    }

    /** A registered handler. */
    public record Route(Lane lane, Handler handler) {
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    /** Routes {@code msgType} to {@code handler} on {@code lane}. */
    public Dispatcher register(String msgType, Lane lane, Handler handler) {
        routes.put(msgType, new Route(lane, handler));
        return this;
    }

    /** The route for {@code msgType}, if any. */
    public Optional<Route> route(String msgType) {
        return Optional.ofNullable(routes.get(msgType));
    }

    /** The reply type of a request type: {@code execute_request} to {@code execute_reply}. */
    public static String replyType(String requestType) {
        return requestType.endsWith("_request")
                ? requestType.substring(0, requestType.length() - "_request".length()) + "_reply"
                : requestType + "_reply";
    }
}
