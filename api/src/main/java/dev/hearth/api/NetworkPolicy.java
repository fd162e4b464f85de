package dev.hearth.api;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Which hosts an HTTP call may reach. Both policies accept only {@code http} and {@code https}.
 * {@link #PUBLIC_ONLY}, used for calls a model initiates, also refuses every address that is not
 * on the public internet (loopback, private, link-local such as the cloud metadata address
 * {@code 169.254.169.254}, carrier-grade NAT, unique-local IPv6, multicast, unspecified), checked
 * after DNS resolution and again for every redirect.
 *
 * @param publicOnly whether non-public addresses are refused
 * @param trusted    {@code host:port} pairs the user explicitly lets a model reach although they are
 *                   local (setting {@code web.model.trusted}); compared literally, before resolution
 */
public record NetworkPolicy(boolean publicOnly, Set<String> trusted) {

    /** Any http(s) host: the user's own calls may reach local services. */
    public static final NetworkPolicy OPEN = new NetworkPolicy(false, Set.of());
    /** Public addresses only: for model-initiated calls. */
    public static final NetworkPolicy PUBLIC_ONLY = new NetworkPolicy(true, Set.of());

    /** Copies the trusted set. */
    public NetworkPolicy {
        trusted = Set.copyOf(trusted == null ? Set.of() : trusted);
    }

    /** This policy with {@code hostPorts} ({@code host:port}) trusted. */
    public NetworkPolicy trusting(Collection<String> hostPorts) {
        return new NetworkPolicy(publicOnly, Set.copyOf(hostPorts));
    }

    /**
     * Checks {@code uri} and resolves its host.
     *
     * @return the addresses the host resolves to (all of them allowed)
     * @throws ActionException naming the URL and the reason when it is refused or does not resolve
     */
    public InetAddress[] check(URI uri) {
        checkUrl(uri);
        String host = bare(uri.getHost());
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new ActionException("cannot resolve host " + uri.getHost() + " of " + uri);
        }
        checkAddresses(uri, addresses);
        return addresses;
    }

    /**
     * Checks what can be checked of {@code uri} without resolving its host: the scheme and that it
     * has a host. Pair it with {@link #checkAddresses} on the addresses a connection really uses.
     *
     * @throws ActionException naming the URL and the reason when it is refused
     */
    public void checkUrl(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ActionException("refused " + uri + ": only http and https URLs can be fetched");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ActionException("refused " + uri + ": the URL has no host");
        }
    }

    /** Whether this policy checks the addresses of {@code uri}'s host (not for trusted host:port pairs). */
    public boolean checksAddressesOf(URI uri) {
        if (!publicOnly) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return !trusted.contains(String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port);
    }

    /**
     * Checks the addresses {@code uri}'s host resolved to.
     *
     * @throws ActionException when one of them may not be reached under this policy
     */
    public void checkAddresses(URI uri, InetAddress[] addresses) {
        if (!checksAddressesOf(uri)) {
            return;
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new ActionException("refused " + uri + ": " + uri.getHost() + " is a local or private address ("
                        + address.getHostAddress() + "), which a model may not reach");
            }
        }
    }

    /** A host without the brackets of an IPv6 literal. */
    static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Whether {@code address} is on the public internet. */
    public static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                   // 0.0.0.0/8 "this network"
                    && !(first == 100 && (second & 0xc0) == 64) // 100.64.0.0/10 carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                    && !(first == 198 && (second & 0xfe) == 18) // 198.18.0.0/15 benchmarking
                    && first < 240;                             // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {                        // fc00::/7 unique local (incl. fd00:ec2::254)
                return false;
            }
            if (isEmbeddedIpv4(b)) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** IPv4-compatible ({@code ::a.b.c.d}) or NAT64 ({@code 64:ff9b::/96}) forms. */
    private static boolean isEmbeddedIpv4(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 12; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        return zeroPrefix || nat64;
    }
}
