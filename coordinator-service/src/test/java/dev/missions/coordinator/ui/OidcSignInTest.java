package dev.missions.coordinator.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.missions.coordinator.ui.OidcProviderResource.Oidc;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sign-in at an OpenID Connect provider (WireMock), as a browser goes through it, and the API taking the provider's tokens. */
@QuarkusTest
@TestProfile(OidcProfile.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class OidcSignInTest {

    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Oidc
    TestProvider provider;

    /** Every page, Location and cookie this test saw, and the tokens that must appear in none of them. */
    private final List<String> seen = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();

    @AfterEach
    void noTokenEverAppearsInAPageOrAUrl() {
        for (String secret : secrets) {
            seen.forEach(text -> assertFalse(text.contains(secret), "a token is in a page, URL or cookie: " + text));
        }
    }

    @Test
    void theSignInPageOffersTheProviderAndNoTokenField() {
        Document page = page(given().get("/ui/sign-in"), 200);
        assertNull(page.selectFirst("input#token"), "no paste form when OIDC is on");
        assertNull(page.selectFirst("form#sign-in"));
        var button = page.selectFirst("a#sign-in-provider");
        assertNotNull(button, page.outerHtml());
        assertEquals("Sign in with Example ID", button.text());
        assertEquals("/ui/oidc/sign-in", button.attr("href"));

        // and a pasted token is not taken, even a good one: people act under the provider's names
        Response pasted = given().redirects().follow(false).formParam("token", MissionControlTest.TOKEN).post("/ui/sign-in");
        Document refused = page(pasted, 401);
        assertTrue(refused.selectFirst(".error").text().contains("Sign in with Example ID"), refused.outerHtml());
        assertNull(pasted.getCookie(Sessions.COOKIE));
    }

    @Test
    void theCodeFlowSignsInUnderTheProvidersNameAndActsUnderIt() throws Exception {
        String accessToken = provider.accessToken("ada");
        secrets.add(accessToken);
        SignIn started = start();
        assertEquals("code", started.query().get("response_type"));
        assertEquals(OidcProviderResource.CLIENT, started.query().get("client_id"));
        assertEquals("S256", started.query().get("code_challenge_method"));
        assertTrue(started.query().get("scope").contains("openid"), started.query().toString());
        assertTrue(started.query().get("redirect_uri").endsWith("/ui/oidc/callback"), started.query().toString());
        provider.answerCode(started.nonce(), accessToken, started.nonce());

        Response callback = callback(started, follow(started.authorization()));
        Document signedIn = page(callback, 200);
        assertEquals("0;url=/ui/missions", signedIn.selectFirst("meta[http-equiv=refresh]").attr("content"));
        assertEquals("/ui/missions", signedIn.selectFirst("a#continue").attr("href"));
        String cookie = sessionCookieHeader(callback);
        assertTrue(cookie.contains("HttpOnly") && cookie.matches("(?i).*SameSite=Strict.*") && cookie.contains("Path=/ui"), cookie);
        int maxAge = Integer.parseInt(cookie.replaceAll("(?i).*Max-Age=(\\d+).*", "$1"));
        assertTrue(maxAge > 200 && maxAge <= 300, "the session ends with the access token (300 s): " + cookie);
        String session = callback.getCookie(Sessions.COOKIE);

        // the code went back to the provider with the PKCE verifier of the challenge and the client's secret
        LoggedRequest exchange = provider.tokenRequest(started.nonce());
        Map<String, String> sent = form(exchange.getBodyAsString());
        assertEquals("authorization_code", sent.get("grant_type"));
        assertEquals(started.query().get("redirect_uri"), sent.get("redirect_uri"));
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(sent.get("code_verifier").getBytes(StandardCharsets.US_ASCII)));
        assertEquals(started.query().get("code_challenge"), challenge);
        assertEquals("Basic " + Base64.getEncoder().encodeToString((OidcProviderResource.CLIENT + ":" + OidcProviderResource.SECRET)
                .getBytes(StandardCharsets.UTF_8)), exchange.getHeader("Authorization"));

        Document missions = page(MissionControlTest.signedIn(session).get("/ui/missions"), 200);
        assertEquals("ada", missions.selectFirst("#signed-in-as").text());

        String id = MissionControlTest.create("Signed in at the provider " + UUID.randomUUID());
        Document mission = page(MissionControlTest.signedIn(session).get("/ui/missions/" + id), 200);
        String csrf = mission.selectFirst("form.action[data-command=PAUSE] input[name=csrf]").val();
        Document paused = page(MissionControlTest.signedIn(session).formParam("command", "PAUSE").formParam("reason", "standup")
                .formParam("csrf", csrf).post("/ui/missions/" + id + "/commands"), 200);
        assertTrue(paused.selectFirst("#flash .notice").text().contains("ada"), paused.select("#flash").outerHtml());
        List<String> timeline = MissionControlTest.api().get("/missions/" + id).then().extract().path("timeline.message");
        assertTrue(timeline.contains("paused by ada: standup"), timeline.toString());

        Response out = MissionControlTest.signedIn(session).formParam("csrf", csrf).post("/ui/sign-out");
        assertEquals(303, out.statusCode());
        assertTrue(sessionCookieHeader(out).contains("Max-Age=0"), sessionCookieHeader(out));
    }

    @Test
    void theApiTakesTheProvidersTokensBesideItsOwn() {
        given().auth().oauth2(provider.accessToken("grace")).get("/me").then().statusCode(200).body("name", equalTo("grace"));
        given().auth().oauth2(MissionControlTest.TOKEN).get("/me").then().statusCode(200).body("name", equalTo("tester"));

        Map<String, Object> expired = provider.accessClaims("grace");
        expired.put("iat", Instant.now().minusSeconds(900).getEpochSecond());
        expired.put("exp", Instant.now().minusSeconds(600).getEpochSecond());
        refused(provider.sign(expired));
        refused(provider.forge(provider.accessClaims("grace")));
        Map<String, Object> elsewhere = provider.accessClaims("grace");
        elsewhere.put("iss", "http://elsewhere.example.com/realms/missions");
        refused(provider.sign(elsewhere));
        Map<String, Object> otherClient = provider.accessClaims("grace");
        otherClient.put("aud", "another-client");
        refused(provider.sign(otherClient));
        // a person named like an API token would act as that token's holder; one named like a gateway actor, as a chat user
        refused(provider.accessToken("tester"));
        refused(provider.accessToken("slack:U123"));
    }

    @Test
    void aCancelledSignInSaysSoOnTheSignInPage() throws Exception {
        SignIn started = start();
        Response cancelled = given().redirects().follow(false).cookie(SignInFlow.COOKIE, started.flowCookie())
                .queryParam("error", "access_denied").queryParam("state", started.query().get("state")).get("/ui/oidc/callback");
        Document page = page(cancelled, 401);
        assertEquals("The sign-in at Example ID was cancelled or refused.", page.selectFirst(".error").text());
        assertNotNull(page.selectFirst("a#sign-in-provider"), "the page offers another try");
        assertNull(cancelled.getCookie(Sessions.COOKIE));
        assertTrue(cancelled.getHeaders().getValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith(SignInFlow.COOKIE + "=") && c.contains("Max-Age=0")), "the flow is spent");

        Document odd = page(given().cookie(SignInFlow.COOKIE, start().flowCookie()).queryParam("error", "<b>temporarily_unavailable</b>")
                .queryParam("state", "whatever").get("/ui/oidc/callback"), 401);
        assertTrue(odd.selectFirst(".error").text().contains("does not belong"), odd.outerHtml());

        SignIn another = start();
        Document unavailable = page(given().cookie(SignInFlow.COOKIE, another.flowCookie())
                .queryParam("error", "<b>temporarily_unavailable</b>").queryParam("state", another.query().get("state"))
                .get("/ui/oidc/callback"), 401);
        assertEquals("Example ID could not sign you in (btemporarily_unavailableb).", unavailable.selectFirst(".error").text());
        assertNull(unavailable.selectFirst(".error b"));
    }

    @Test
    void aCallbackThisBrowserDidNotStartSignsNoOneIn() throws Exception {
        SignIn started = start();
        String accessToken = provider.accessToken("mallory");
        secrets.add(accessToken);
        provider.answerCode(started.nonce(), accessToken, started.nonce());
        URI callback = follow(started.authorization());

        Response withoutFlow = given().redirects().follow(false).get(callback.toString());
        assertTrue(page(withoutFlow, 401).selectFirst(".error").text().contains("not started here"));
        assertNull(withoutFlow.getCookie(Sessions.COOKIE));

        Response otherFlow = given().redirects().follow(false).cookie(SignInFlow.COOKIE, start().flowCookie()).get(callback.toString());
        assertTrue(page(otherFlow, 401).selectFirst(".error").text().contains("does not belong"));
        assertNull(otherFlow.getCookie(Sessions.COOKIE));
    }

    @Test
    void anIdTokenForAnotherSignInIsRefused() throws Exception {
        SignIn started = start();
        String accessToken = provider.accessToken("eve");
        secrets.add(accessToken);
        provider.answerCode(started.nonce(), accessToken, "some-other-nonce");
        Response callback = callback(started, follow(started.authorization()));
        assertTrue(page(callback, 401).selectFirst(".error").text().contains("not issued for this sign-in"));
        assertNull(callback.getCookie(Sessions.COOKIE));
    }

    private void refused(String token) {
        secrets.add(token);
        given().auth().oauth2(token).get("/me").then().statusCode(401).body("error", containsString("not valid"));
    }

    /** A sign-in started at the button: where it sends the browser, and the flow cookie it set. */
    record SignIn(URI authorization, Map<String, String> query, String flowCookie) {

        String nonce() {
            return query.get("nonce");
        }
    }

    private SignIn start() {
        Response started = given().redirects().follow(false).get("/ui/oidc/sign-in");
        assertEquals(303, started.statusCode(), started.asString());
        String location = started.header("Location");
        seen.add(location);
        String cookie = started.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith(SignInFlow.COOKIE + "="))
                .findFirst().orElseThrow();
        seen.add(cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.matches("(?i).*SameSite=Lax.*") && cookie.contains("Path=/ui/oidc"), cookie);
        URI authorization = URI.create(location);
        assertEquals(provider.issuer() + "/protocol/openid-connect/auth",
                authorization.getScheme() + "://" + authorization.getAuthority() + authorization.getPath());
        return new SignIn(authorization, form(authorization.getRawQuery()), started.getCookie(SignInFlow.COOKIE));
    }

    /** The provider's authorization endpoint, as the browser meets it: where it sends the browser back. */
    private URI follow(URI authorization) throws Exception {
        HttpResponse<String> reply = BROWSER.send(HttpRequest.newBuilder(authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, reply.statusCode(), reply.body());
        String location = reply.headers().firstValue("Location").orElseThrow();
        seen.add(location);
        return URI.create(location);
    }

    private Response callback(SignIn started, URI callback) {
        Matcher state = Pattern.compile("[?&]state=([^&]+)").matcher(callback.getRawQuery() == null ? "" : "?" + callback.getRawQuery());
        assertTrue(state.find() && state.group(1).equals(started.query().get("state")), "the provider sends the state back: " + callback);
        return given().redirects().follow(false).cookie(SignInFlow.COOKIE, started.flowCookie()).get(callback.toString());
    }

    private String sessionCookieHeader(Response response) {
        String cookie = response.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + response.getHeaders()));
        seen.add(cookie);
        return cookie;
    }

    private Document page(Response response, int status) {
        String body = response.getBody().asString();
        seen.add(body);
        response.getHeaders().getValues("Location").forEach(seen::add);
        response.getHeaders().getValues("Set-Cookie").forEach(seen::add);
        assertEquals(status, response.statusCode(), body);
        assertFalse(body.contains("Exception") || body.contains("\tat "), "no stack trace on a page: " + body);
        return Jsoup.parse(body);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
