package dev.missions.coordinator.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignInFlowTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final Sessions sessions = sessions(NOW);

    @Test
    void aSealedFlowOpensWithTheSameKeyUntilItExpiresAndNeverAsASession() {
        SignInFlow flow = SignInFlow.start(sessions, "https://missions.example.com/ui/oidc/callback");
        String sealed = flow.seal(sessions);
        assertFalse(sealed.contains(flow.state()) || sealed.contains(flow.verifier()), "sealed, not merely encoded");
        assertEquals(flow, SignInFlow.open(sessions, sealed).orElseThrow());
        assertTrue(SignInFlow.open(sessions(NOW.plus(SignInFlow.LIFETIME).plusSeconds(1)), sealed).isEmpty(), "expired");
        assertTrue(sessions.open(sealed).isEmpty(), "a flow is no session");
        assertTrue(SignInFlow.open(sessions, sessions.seal(sessions.start("t", "ada"))).isEmpty(), "a session is no flow");
        assertTrue(SignInFlow.open(sessions, sealed.substring(0, sealed.length() - 2) + "AA").isEmpty(), "altered");
    }

    @Test
    void theChallengeIsTheVerifiersSha256AndEachFlowIsNew() {
        // RFC 7636, appendix B
        SignInFlow flow = new SignInFlow("s", "n", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "r", NOW);
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", flow.challenge());
        SignInFlow one = SignInFlow.start(sessions, "r");
        SignInFlow two = SignInFlow.start(sessions, "r");
        assertFalse(one.state().equals(two.state()) || one.nonce().equals(two.nonce()) || one.verifier().equals(two.verifier()));
        assertEquals(43, one.verifier().length(), "32 bytes, base64url");
        assertTrue(one.stateMatches(one.state()));
        assertFalse(one.stateMatches(two.state()));
        assertFalse(one.stateMatches(null));
    }

    @Test
    void anIdTokenMustNameTheIssuerTheClientAndTheNonce() {
        SignInFlow flow = new SignInFlow("s", "the-nonce", "v", "r", NOW);
        assertTrue(flow.issued(idToken("{\"iss\":\"https://id.example.com\",\"aud\":\"missions\",\"nonce\":\"the-nonce\"}"),
                "https://id.example.com", "missions"));
        assertTrue(flow.issued(idToken("{\"iss\":\"https://id.example.com\",\"aud\":[\"other\",\"missions\"],\"nonce\":\"the-nonce\"}"),
                "https://id.example.com", "missions"));
        assertFalse(flow.issued(idToken("{\"iss\":\"https://id.example.com\",\"aud\":\"missions\",\"nonce\":\"another\"}"),
                "https://id.example.com", "missions"));
        assertFalse(flow.issued(idToken("{\"iss\":\"https://id.example.com\",\"aud\":\"missions\"}"), "https://id.example.com", "missions"));
        assertFalse(flow.issued(idToken("{\"iss\":\"https://evil.example.com\",\"aud\":\"missions\",\"nonce\":\"the-nonce\"}"),
                "https://id.example.com", "missions"));
        assertFalse(flow.issued(idToken("{\"iss\":\"https://id.example.com\",\"aud\":\"other\",\"nonce\":\"the-nonce\"}"),
                "https://id.example.com", "missions"));
        assertFalse(flow.issued("", "https://id.example.com", "missions"));
        assertFalse(flow.issued(null, "https://id.example.com", "missions"));
        assertFalse(flow.issued("a.!!!.c", "https://id.example.com", "missions"));
    }

    @Test
    void aProvidersErrorCodeIsShownAsAShortWord() {
        assertEquals("access_denied", SignInFlow.errorCode("access_denied"));
        assertEquals("scriptalert1script", SignInFlow.errorCode("<script>alert(1)</script>"));
        assertEquals("no reason given", SignInFlow.errorCode(null));
        assertEquals(40, SignInFlow.errorCode("x".repeat(500)).length());
    }

    private static String idToken(String claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    private static Sessions sessions(Instant now) {
        return new Sessions(Sessions.decodeKey(MissionControlTest.KEY), Duration.ofHours(12), Clock.fixed(now, ZoneOffset.UTC));
    }
}
