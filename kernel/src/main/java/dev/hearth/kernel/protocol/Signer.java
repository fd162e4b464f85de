package dev.hearth.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC signatures of Jupyter messages: the hex digest over header, parent header, metadata and
 * content, keyed with the connection file's key. With an empty key, messages are unsigned (as the
 * protocol specifies). Not thread-safe: one instance per thread.
 */
public final class Signer {

    private static final HexFormat HEX = HexFormat.of();
    private final Mac mac;

    private Signer(Mac mac) {
        this.mac = mac;
    }

    /**
     * A signer for {@code scheme} (e.g. {@code hmac-sha256}) and {@code key}.
     *
     * @throws IllegalArgumentException for an unknown scheme
     */
    public static Signer create(String scheme, String key) {
        if (key == null || key.isEmpty()) {
            return new Signer(null);
        }
        String normalized = scheme == null ? "hmac-sha256" : scheme.toLowerCase(Locale.ROOT);
        if (!normalized.startsWith("hmac-")) {
            throw new IllegalArgumentException("Unsupported signature_scheme '" + scheme + "' (expected hmac-sha256)");
        }
        String algorithm = "Hmac" + normalized.substring("hmac-".length()).toUpperCase(Locale.ROOT);
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return new Signer(mac);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalArgumentException("Unsupported signature_scheme '" + scheme + "': " + e.getMessage(), e);
        }
    }

    /** Whether messages are signed at all (a non-empty key). */
    public boolean enabled() {
        return mac != null;
    }

    /** The hex signature of the four parts; empty when signing is disabled. */
    public String sign(byte[] header, byte[] parentHeader, byte[] metadata, byte[] content) {
        if (mac == null) {
            return "";
        }
        return HEX.formatHex(digest(header, parentHeader, metadata, content));
    }

    /**
     * Whether {@code signature} (hex, as received) is the signature of the parts, compared in
     * constant time. Always true when signing is disabled.
     */
    public boolean verify(byte[] signature, byte[] header, byte[] parentHeader, byte[] metadata, byte[] content) {
        if (mac == null) {
            return true;
        }
        byte[] expected = HEX.formatHex(digest(header, parentHeader, metadata, content))
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature == null ? new byte[0] : signature);
    }

    private byte[] digest(byte[]... parts) {
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }
}
