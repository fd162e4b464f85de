package dev.hearth.api;

import java.net.URI;

/**
 * Hearth's HTTP client for actions. Only {@code http} and {@code https} URLs are accepted;
 * redirects are followed by Hearth so that every hop is checked against the network policy.
 */
public interface HttpAccess {

    /**
     * Fetches {@code uri} with GET. A 4xx/5xx answer is returned, not thrown, so that the action
     * can word the error; check {@link HttpResult#status()}.
     *
     * @throws ActionException          for a refused address or scheme, a time-out, too many redirects
     *                                  or a connection failure, with a message naming the URL
     * @throws ActionCancelledException when the call is interrupted while waiting
     */
    HttpResult get(URI uri, HttpOptions options);

    /** The network policy this access enforces. */
    NetworkPolicy policy();
}
