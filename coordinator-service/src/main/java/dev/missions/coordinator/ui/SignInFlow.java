package dev.missions.coordinator.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * One sign-in at the provider, from the button to the callback: the state that ties the callback to this browser, the
 * nonce the ID token must carry, and the PKCE verifier. It waits in the {@code missions_oidc} cookie, sealed with the
 * session key, so no server keeps it and any instance can finish the sign-in.
 */
record SignInFlow(String state, String nonce, String verifier, String redirectUri, Instant expires) {

    static final String COOKIE = "missions_oidc";
    /** Long enough to type a password and a second factor; a flow left longer is started again. */
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final byte[] PURPOSE = "missions_oidc v1".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    static SignInFlow start(Sessions sessions, String redirectUri) {
        // 32 random bytes each: the verifier is 43 characters, the shortest RFC 7636 allows
        return new SignInFlow(sessions.random(32), sessions.random(32), sessions.random(32), redirectUri,
                sessions.clock().instant().plus(LIFETIME));
    }

    /** The PKCE challenge: base64url of the verifier's SHA-256. */
    String challenge() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    String seal(Sessions sessions) {
        // none of the parts holds a newline: base64url values and a URI
        return sessions.seal(PURPOSE, String.join("\n", state, nonce, verifier, redirectUri, Long.toString(expires.getEpochSecond())));
    }

    /** The flow in the cookie, if it opens and has not expired. */
    static Optional<SignInFlow> open(Sessions sessions, String cookie) {
        if (cookie == null || cookie.isBlank()) {
            return Optional.empty();
        }
        return sessions.open(PURPOSE, cookie).flatMap(plain -> {
            String[] parts = plain.split("\n");
            if (parts.length != 5) {
                return Optional.empty();
            }
            SignInFlow flow = new SignInFlow(parts[0], parts[1], parts[2], parts[3], Instant.ofEpochSecond(Long.parseLong(parts[4])));
            return flow.expires().isAfter(sessions.clock().instant()) ? Optional.of(flow) : Optional.empty();
        });
    }

    /** Whether the callback's state is this flow's, compared in constant time. */
    boolean stateMatches(String presented) {
        return presented != null && MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether the ID token was issued for this flow: by the provider, to this client, carrying this flow's nonce. Its
     * signature is not checked here: it came straight from the token endpoint over the connection the dashboard opened
     * (OpenID Connect Core 3.1.3.7), and who the person is comes from the API, which verifies the access token in full.
     */
    boolean issued(String idToken, String issuer, String clientId) {
        String[] parts = idToken == null ? new String[0] : idToken.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode audience = claims.path("aud");
            boolean forUs = audience.isArray() ? contains(audience, clientId) : clientId.equals(audience.asText());
            return forUs && issuer.equals(claims.path("iss").asText()) && nonce.equals(claims.path("nonce").asText());
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean contains(JsonNode values, String wanted) {
        for (JsonNode value : values) {
            if (wanted.equals(value.asText())) {
                return true;
            }
        }
        return false;
    }

    /** A provider's error code as a page may show it: RFC 6749 codes are short ASCII words; anything else is cut. */
    static String errorCode(String code) {
        String cleaned = code == null ? "" : code.replaceAll("[^A-Za-z0-9_.-]", "");
        return cleaned.isEmpty() ? "no reason given" : cleaned.substring(0, Math.min(cleaned.length(), 40));
    }

    @Override
    public String toString() {
        return "SignInFlow[until " + expires + "]"; // never the state, nonce or verifier
    }
}
