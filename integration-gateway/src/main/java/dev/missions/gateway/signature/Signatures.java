package dev.missions.gateway.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over raw bytes and constant-time comparisons: the one place webhook secrets are used. */
public final class Signatures {

    private Signatures() {
    }

    /** Lower-case hex HMAC-SHA256 of {@code parts}, in order, keyed by {@code secret}. */
    public static String hmacSha256Hex(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Whether the presented hex signature equals the expected one, in time that does not depend on where they
     * differ (hex case is ignored: providers send lower case, but the value is the same either way).
     */
    public static boolean hexEquals(String expectedHex, String presentedHex) {
        if (presentedHex == null) {
            return false;
        }
        return MessageDigest.isEqual(expectedHex.getBytes(StandardCharsets.US_ASCII),
                presentedHex.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether a presented shared token equals the configured one, in constant time. */
    public static boolean tokenEquals(String expected, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
