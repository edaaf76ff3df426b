package dev.missions.gateway.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs test requests as the providers do, independently of the gateway's own code. */
public final class Signing {

    public static final String LINEAR_SECRET = "linear-test-secret";
    public static final String GITHUB_SECRET = "github-test-secret";
    public static final String GITLAB_TOKEN = "gitlab-test-token";
    public static final String SLACK_SECRET = "slack-test-secret";

    private Signing() {
    }

    public static String hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String linear(byte[] body) {
        return hmac(LINEAR_SECRET, body);
    }

    public static String github(byte[] body) {
        return "sha256=" + hmac(GITHUB_SECRET, body);
    }

    public static String slack(long timestamp, byte[] body) {
        byte[] prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, data, 0, prefix.length);
        System.arraycopy(body, 0, data, prefix.length, body.length);
        return "v0=" + hmac(SLACK_SECRET, data);
    }
}
