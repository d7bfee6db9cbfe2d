package newsfeed.ingest.feed;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The authenticated content distribution of W3C WebSub §8: a hub that was given a {@code hub.secret} signs every
 * distribution with {@code X-Hub-Signature: method=signature}, the HMAC of the raw body with that secret, in hex,
 * for {@code sha1}, {@code sha256}, {@code sha384} or {@code sha512} (§8, "Recognized algorithm names"). The
 * subscriber MUST then ignore a distribution whose signature is missing or does not match (§8). Compared in constant
 * time ({@link MessageDigest#isEqual}), so the answer's timing tells nothing of the expected signature. Pure;
 * thread-safe.
 */
public final class WebSubSignature {

    /** The header a hub signs with (§8). */
    public static final String HEADER = "X-Hub-Signature";

    /** The method names of §8 and their JCA HMAC algorithms. */
    private static final Map<String, String> ALGORITHMS = Map.of("sha1", "HmacSHA1", "sha256", "HmacSHA256",
            "sha384", "HmacSHA384", "sha512", "HmacSHA512");

    /** Why a distribution was refused, or {@link #VALID}; the name is the metric tag and the status's word. */
    public enum Verdict {
        VALID, MISSING, MALFORMED, UNKNOWN_METHOD, MISMATCH;

        /** {@code missing}, {@code malformed}, …: the tag of {@code newsfeed_feeds_websub_rejected_total}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private WebSubSignature() {
    }

    /**
     * @param header the {@code X-Hub-Signature} value, or null when absent
     * @param body   the distribution's body as received
     * @param secret the subscription's {@code hub.secret}, as sent (UTF-8 bytes)
     * @return {@link Verdict#VALID} only when the header's HMAC of {@code body} with {@code secret} matches
     */
    public static Verdict verify(String header, byte[] body, byte[] secret) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        int eq = header.indexOf('=');
        if (eq <= 0) {
            return Verdict.MALFORMED;
        }
        String algorithm = ALGORITHMS.get(header.substring(0, eq).strip().toLowerCase(Locale.ROOT));
        if (algorithm == null) {
            return Verdict.UNKNOWN_METHOD;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(eq + 1).strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        return MessageDigest.isEqual(hmac(algorithm, body, secret), given) ? Verdict.VALID : Verdict.MISMATCH;
    }

    /**
     * The header a hub would send: {@code method=hex}.
     *
     * @param method {@code sha1}, {@code sha256}, {@code sha384} or {@code sha512}
     * @throws IllegalArgumentException for another method
     */
    public static String sign(String method, byte[] body, byte[] secret) {
        String algorithm = ALGORITHMS.get(method);
        if (algorithm == null) {
            throw new IllegalArgumentException("not a WebSub signature method: " + method);
        }
        return method + "=" + HexFormat.of().formatHex(hmac(algorithm, body, secret));
    }

    private static byte[] hmac(String algorithm, byte[] body, byte[] secret) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // every Java SE platform has these four HMACs, and any non-empty key fits them
            throw new IllegalStateException("HMAC " + algorithm + " unavailable", e);
        }
    }
}
