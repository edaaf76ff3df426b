package dev.missions.coordinator.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The provider as the tests drive it: its signing key, the tokens it issues, and what its token endpoint answers. */
final class TestProvider {

    static final String KID = "test-key";
    static final String TOKEN_PATH = OidcProviderResource.REALM + "/protocol/openid-connect/token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final String issuer;
    private final KeyPair key = rsa();
    /** Another key under the same id: what a forger would sign with. */
    private final KeyPair forger = rsa();

    TestProvider(WireMockServer server, String issuer) {
        this.server = server;
        this.issuer = issuer;
    }

    String issuer() {
        return issuer;
    }

    String jwks() {
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        return """
                {"keys": [{"kty": "RSA", "kid": "%s", "use": "sig", "alg": "RS256", "n": "%s", "e": "%s"}]}
                """.formatted(KID, unsigned(pub.getModulus()), unsigned(pub.getPublicExponent()));
    }

    /** The claims of an access token for {@code name}, valid for five minutes, for the coordinator's client. */
    Map<String, Object> accessClaims(String name) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", "f3c1e0a2-" + name);
        claims.put("aud", OidcProviderResource.CLIENT);
        claims.put("azp", OidcProviderResource.CLIENT);
        claims.put("iat", now);
        claims.put("exp", now + 300);
        claims.put("preferred_username", name);
        return claims;
    }

    String accessToken(String name) {
        return sign(accessClaims(name));
    }

    String sign(Map<String, Object> claims) {
        return sign(claims, key.getPrivate());
    }

    String forge(Map<String, Object> claims) {
        return sign(claims, forger.getPrivate());
    }

    /** The token endpoint's answer to the code the authorization endpoint gives the sign-in with {@code nonce}. */
    void answerCode(String nonce, String accessToken, String idNonce) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("iss", issuer);
        id.put("sub", "someone");
        id.put("aud", OidcProviderResource.CLIENT);
        id.put("iat", now);
        id.put("exp", now + 300);
        id.put("nonce", idNonce);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("access_token", accessToken);
        reply.put("token_type", "Bearer");
        reply.put("expires_in", 300);
        reply.put("id_token", sign(id));
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withRequestBody(containing("code=code-" + nonce))
                .willReturn(okJson(write(reply))));
    }

    /** What the token endpoint was sent for the code of the sign-in with {@code nonce}. */
    LoggedRequest tokenRequest(String nonce) {
        List<LoggedRequest> requests = server.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(urlPathEqualTo(TOKEN_PATH)).withRequestBody(containing("code=code-" + nonce)));
        if (requests.size() != 1) {
            throw new AssertionError("expected one token request for the code, got " + requests.size());
        }
        return requests.get(0);
    }

    private static String sign(Map<String, Object> claims, PrivateKey with) {
        try {
            String header = base64(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}").getBytes(StandardCharsets.UTF_8));
            String signed = header + "." + base64(JSON.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(with);
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64(rs256.sign());
        } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWK number: big-endian, without the sign byte BigInteger adds. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return base64(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
