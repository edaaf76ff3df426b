package dev.missions.coordinator.ui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mission Control through HTTP as a browser uses it: sign-in, session, CSRF, the pages and their live stream. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class MissionControlTest {

    static final String TOKEN = "test-token";
    /** The test profile's missions.ui.session-key, to forge a session that has ended. */
    static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    /** Every page this test saw: none may show the token. */
    private final List<String> pages = new ArrayList<>();

    @AfterEach
    void theTokenNeverAppearsInAPage() {
        pages.forEach(page -> assertFalse(page.contains(TOKEN), "the session's token is on a page"));
    }

    @Test
    void signInShowsATokenFieldAndAGoodTokenStartsASafeSession() {
        Document form = page(given().redirects().follow(false).get("/ui/sign-in"), 200);
        Element token = form.selectFirst("form#sign-in input#token[name=token]");
        assertNotNull(token, form.outerHtml());
        assertEquals("password", token.attr("type"));
        assertNotNull(form.selectFirst("form#sign-in button[type=submit]"));
        assertNotNull(form.selectFirst("label[for=token]"), "the field is labelled");

        Response signedIn = given().redirects().follow(false).formParam("token", TOKEN).post("/ui/sign-in");
        assertEquals(303, signedIn.statusCode());
        assertTrue(signedIn.header("Location").endsWith("/ui/missions"), signedIn.header("Location"));
        String cookie = signedIn.header("Set-Cookie");
        assertTrue(cookie.startsWith("missions_session="), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.matches("(?i).*SameSite=Strict.*"), cookie);
        assertTrue(cookie.contains("Path=/ui"), cookie);
        assertFalse(cookie.contains("Secure"), "plain http: " + cookie);
        assertFalse(cookie.contains(TOKEN), "the cookie is sealed");

        String overHttps = given().redirects().follow(false).header("X-Forwarded-Proto", "https").formParam("token", TOKEN)
                .post("/ui/sign-in").header("Set-Cookie");
        assertTrue(overHttps.contains("Secure"), overHttps);

        Response missions = signedIn().get("/ui/missions");
        Document list = page(missions, 200);
        assertEquals("tester", list.selectFirst("#signed-in-as").text());
        assertTrue(missions.header("Content-Security-Policy").contains("script-src 'self'"), missions.header("Content-Security-Policy"));
        assertTrue(list.select("[style], script:not([src])").isEmpty(), "no inline style or script: CSP would block it");
        assertNotNull(list.selectFirst("script[src=/webjars/htmx.org/2.0.8/dist/htmx.min.js]"));
        given().get("/webjars/htmx.org/2.0.8/dist/htmx.min.js").then().statusCode(200);
        given().get("/webjars/htmx-ext-sse/2.2.2/sse.js").then().statusCode(200);
        given().get("/ui/assets/mission-control.css").then().statusCode(200);
    }

    @Test
    void aBadTokenIsRefusedWithoutASession() {
        Response refused = given().redirects().follow(false).formParam("token", "not-a-token").post("/ui/sign-in");
        Document page = page(refused, 401);
        assertTrue(page.selectFirst(".error").text().contains("not valid"), page.outerHtml());
        assertEquals(null, refused.header("Set-Cookie"));
    }

    @Test
    void withoutASessionThePagesSendToSignInAndAnEndedOneSaysSo() {
        assertEquals(303, given().redirects().follow(false).get("/ui/missions").statusCode());
        assertTrue(given().redirects().follow(false).get("/ui/missions").header("Location").endsWith("/ui/sign-in"));

        Sessions past = new Sessions(Sessions.decodeKey(KEY), Duration.ofMinutes(5),
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC));
        String ended = past.seal(past.start(TOKEN, "tester"));
        Response expired = given().redirects().follow(false).cookie(Sessions.COOKIE, ended).get("/ui/missions");
        assertEquals(303, expired.statusCode());
        assertTrue(expired.header("Location").endsWith("/ui/sign-in?expired"), expired.header("Location"));
        Document signIn = page(given().get("/ui/sign-in?expired"), 200);
        assertTrue(signIn.selectFirst(".notice").text().contains("session has ended"), signIn.outerHtml());

        Response forged = given().redirects().follow(false).cookie(Sessions.COOKIE, ended.substring(0, ended.length() - 4) + "AAAA")
                .get("/ui/missions");
        assertTrue(forged.header("Location").endsWith("/ui/sign-in?expired"));
        assertEquals(401, given().redirects().follow(false).header("HX-Request", "true").get("/ui/missions/rows").statusCode());

        // the API is not reachable with the dashboard's session: it still needs its bearer token
        given().cookie(Sessions.COOKIE, session()).get("/missions").then().statusCode(401);
    }

    @Test
    void aPostWithoutItsCsrfValueIsRefusedAndSendsNothing() {
        String id = create("CSRF " + UUID.randomUUID());
        Document refused = page(signedIn().formParam("command", "PAUSE").post("/ui/missions/" + id + "/commands"), 403);
        assertTrue(refused.selectFirst(".error").text().contains("CSRF"), refused.outerHtml());
        page(signedIn().formParam("command", "PAUSE").formParam("csrf", "guessed").post("/ui/missions/" + id + "/commands"), 403);
        page(signedIn().formParam("goal", "g").formParam("repository", "file:///tmp/r").post("/ui/missions"), 403);
        assertEquals("RUNNING", api().get("/missions/" + id).then().extract().path("status"));
    }

    @Test
    void theListFiltersCountsAndLinksEachMission() {
        String word = "zebra" + UUID.randomUUID().toString().substring(0, 8);
        String running = create("List " + word + " one");
        String paused = create("List " + word.toUpperCase() + " two");
        command(paused, "PAUSE");
        create("List without the word");

        Document all = page(signedIn().queryParam("q", word).get("/ui/missions"), 200);
        assertEquals(2, all.select("table#missions tr[data-mission-id]").size(), all.select("table#missions").outerHtml());
        Element row = all.selectFirst("tr[data-mission-id=" + running + "]");
        assertEquals("RUNNING", row.attr("data-status"));
        assertNotNull(row.selectFirst("a[href=/ui/missions/" + running + "]"));
        assertTrue(row.text().contains("0/4"), "progress of the feature template's four subtasks: " + row.text());
        assertEquals("1", all.selectFirst("#counts [data-status=RUNNING] .count").text());
        assertEquals("1", all.selectFirst("#counts [data-status=PAUSED] .count").text());
        assertNotNull(all.selectFirst("div[hx-ext=sse][sse-connect=/ui/stream]"));
        Element listing = all.selectFirst("#listing");
        assertEquals("sse:mission delay:300ms", listing.attr("hx-trigger"));
        assertTrue(listing.attr("hx-get").startsWith("/ui/missions/rows?q=" + word), listing.attr("hx-get"));
        for (String control : List.of("status", "source", "repository", "q")) {
            Element field = all.selectFirst("form#filters [name=" + control + "]");
            assertNotNull(all.selectFirst("label[for=" + field.id() + "]"), control + " is labelled");
        }

        Document onlyPaused = page(signedIn().queryParam("q", word).queryParam("status", "PAUSED").get("/ui/missions"), 200);
        assertEquals(List.of(paused), onlyPaused.select("tr[data-mission-id]").eachAttr("data-mission-id"));
        Document rows = page(signedIn().queryParam("q", word).queryParam("source", "SLACK").get("/ui/missions/rows"), 200);
        assertTrue(rows.select("tr[data-mission-id]").isEmpty());
        assertNotNull(rows.selectFirst("#counts"));

        Document paged = page(signedIn().queryParam("q", word).queryParam("limit", "1").get("/ui/missions"), 200);
        assertEquals(1, paged.select("tr[data-mission-id]").size());
        assertNotNull(paged.selectFirst(".paging a[rel=next]"));

        api().queryParam("q", word).get("/missions").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(2)).body("counts.PAUSED", org.hamcrest.Matchers.equalTo(1));
        api().queryParam("q", "100%_").get("/missions").then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void theMissionPageDrawsThePlanAndActsUnderTheSignedInName() {
        String id = create("Mission page " + UUID.randomUUID());
        String session = session();
        Document page = page(signedIn(session).get("/ui/missions/" + id), 200);
        assertEquals("RUNNING", page.selectFirst("#mission-status").attr("data-status"));
        assertEquals(List.of("code", "test", "review", "docs"), page.select("svg#dag g.node").eachAttr("data-key"));
        Element code = page.selectFirst("svg#dag g.node[data-key=code]");
        assertTrue(code.text().contains(code.attr("data-status")), "the status is written in the node");
        assertEquals(4, page.select("#subtasks [data-subtask-key]").size());
        assertNotNull(page.selectFirst("#subtasks [data-subtask-key=code] .last-error"));
        assertFalse(page.select("#timeline li").isEmpty());
        assertEquals("sse:mission-" + id + " delay:50ms", page.selectFirst("#live").attr("hx-trigger"));
        assertEquals(List.of("PAUSE", "CANCEL"), page.select("form.action").eachAttr("data-command"));
        Element pause = page.selectFirst("form.action[data-command=PAUSE]");
        assertNotNull(pause.selectFirst("textarea[name=reason]"));
        assertFalse(pause.attr("hx-confirm").isBlank());
        String csrf = pause.selectFirst("input[name=csrf]").val();

        Document paused = page(signedIn(session).formParam("command", "PAUSE").formParam("reason", "coffee").formParam("csrf", csrf)
                .post("/ui/missions/" + id + "/commands"), 200);
        assertTrue(paused.selectFirst("#flash .notice").text().contains("tester"), paused.select("#flash").outerHtml());
        List<String> messages = api().get("/missions/" + id).then().extract().path("timeline.message");
        assertTrue(messages.contains("paused by tester: coffee"), messages.toString());
        assertEquals(List.of("RESUME", "CANCEL"), paused.select("form.action").eachAttr("data-command"));

        // the page still offers PAUSE to someone who has not reloaded: the API refuses, and says why
        Response refused = signedIn(session).header("HX-Request", "true").formParam("command", "PAUSE").formParam("csrf", csrf)
                .post("/ui/missions/" + id + "/commands");
        Document flash = page(refused, 409);
        String error = flash.selectFirst("#flash .error").text();
        String apiSays = api().contentType(ContentType.JSON).body("{\"command\": \"PAUSE\"}").post("/missions/" + id + "/commands")
                .then().statusCode(409).extract().path("error");
        assertEquals(apiSays, error);
        assertTrue(flash.select("#live").isEmpty(), "htmx gets the flash alone");

        // resuming may raise the budget; a number that is no number never reaches the API
        Element resume = paused.selectFirst("form.action[data-command=RESUME]");
        assertNotNull(resume.selectFirst("fieldset.raise-budget input[name=maxTokens]"));
        assertNotNull(resume.selectFirst("label[for=raise-maxCostUsd]"), "the fields are labelled");
        Document notANumber = page(signedIn(session).header("HX-Request", "true").formParam("command", "RESUME")
                .formParam("maxTokens", "lots").formParam("csrf", csrf).post("/ui/missions/" + id + "/commands"), 400);
        assertTrue(notANumber.selectFirst("#flash .error").text().contains("maxTokens must be a whole number"));
        assertEquals("PAUSED", api().get("/missions/" + id).then().extract().path("status"));
        page(signedIn(session).formParam("command", "RESUME").formParam("reason", "more room").formParam("maxTokens", "750000")
                .formParam("maxCostUsd", "12.5").formParam("csrf", csrf).post("/ui/missions/" + id + "/commands"), 200);
        assertEquals(750000, (Integer) api().get("/missions/" + id).then().extract().path("budget.maxTokens"));
        assertEquals(12.5f, (Float) api().get("/missions/" + id).then().extract().path("budget.maxCostUsd"));
        assertEquals("RUNNING", api().get("/missions/" + id).then().extract().path("status"));
    }

    @Test
    void theNewMissionFormShowsTheApisViolationsBesideTheFieldsAndKeepsWhatWasEntered() {
        String session = session();
        Document form = page(signedIn(session).get("/ui/missions/new"), 200);
        String csrf = form.selectFirst("form#new-mission input[name=csrf]").val();
        for (String field : List.of("goal", "repository", "baseBranch", "kind", "maxTokens", "maxCostUsd", "plan")) {
            assertNotNull(form.selectFirst("form#new-mission label[for=" + field + "]"), field + " is labelled");
        }

        Document refused = page(signedIn(session).formParam("csrf", csrf).formParam("goal", " ").formParam("repository", "not a url")
                .formParam("baseBranch", "main").formParam("kind", "FEATURE").formParam("maxTokens", "")
                .formParam("maxCostUsd", "").formParam("plan", "").post("/ui/missions"), 400);
        assertTrue(refused.selectFirst(".field-error[data-field=goal]").text().contains("goal is required"), refused.outerHtml());
        assertTrue(refused.selectFirst(".field-error[data-field=repository]").text().contains("git URL"));
        assertEquals("not a url", refused.selectFirst("input#repository").val());

        Document badNumber = page(signedIn(session).formParam("csrf", csrf).formParam("goal", "Count").formParam("repository", "file:///tmp/r")
                .formParam("maxTokens", "lots").formParam("plan", "{\"milestones\": [").post("/ui/missions"), 400);
        assertNotNull(badNumber.selectFirst(".field-error[data-field=maxTokens]"));
        assertNotNull(badNumber.selectFirst(".field-error[data-field=plan]"));
        assertEquals("Count", badNumber.selectFirst("textarea#goal").text());

        Response created = signedIn(session).redirects().follow(false).formParam("csrf", csrf).formParam("goal", "From the form")
                .formParam("repository", "https://git.example.com/acme/shop.git").formParam("baseBranch", "main")
                .formParam("kind", "CI_FIX").formParam("maxTokens", "50000").formParam("maxCostUsd", "2.5").formParam("plan", "")
                .post("/ui/missions");
        assertEquals(303, created.statusCode());
        String id = created.header("Location").replaceAll(".*/ui/missions/", "");
        assertEquals("CI_FIX", api().get("/missions/" + id).then().extract().path("kind"));
        assertEquals(50000, (Integer) api().get("/missions/" + id).then().extract().path("budget.maxTokens"));
    }

    @Test
    void theStreamTellsThePageWhichMissionChanged() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/ui/stream"))
                .header("Cookie", Sessions.COOKIE + "=" + session()).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        try {
            Thread.sleep(500);
            String id = create("Streamed " + UUID.randomUUID());
            Instant deadline = Instant.now().plusSeconds(20);
            while (!(lines.contains("event:mission-" + id) || lines.contains("event: mission-" + id)) && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertTrue(lines.stream().anyMatch(line -> line.matches("event: ?mission-" + id)), lines.toString());
            assertTrue(lines.stream().anyMatch(line -> line.matches("data: ?" + id)), lines.toString());
            assertTrue(lines.stream().noneMatch(line -> line.contains(TOKEN)));
        } finally {
            response.body().close();
            reader.interrupt();
        }
        Instant deadline = Instant.now().plusSeconds(10);
        while (UiStream.OPEN.get() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(0, UiStream.OPEN.get(), "the upstream closes when the page goes");
    }

    // --- helpers ---

    private Document page(Response response, int status) {
        String body = response.getBody().asString();
        pages.add(body);
        assertEquals(status, response.statusCode(), body);
        return Jsoup.parse(body);
    }

    static String session() {
        return given().redirects().follow(false).formParam("token", TOKEN).post("/ui/sign-in").getCookie(Sessions.COOKIE);
    }

    private static RequestSpecification signedIn() {
        return signedIn(session());
    }

    /** Within one session: the CSRF value of its pages is good for its posts only. */
    static RequestSpecification signedIn(String session) {
        return given().redirects().follow(false).cookie(Sessions.COOKIE, session);
    }

    static RequestSpecification api() {
        return given().auth().oauth2(TOKEN);
    }

    static String create(String goal) {
        String id = api().contentType(ContentType.JSON)
                .body("{\"goal\": \"" + goal + "\", \"repository\": \"https://git.example.com/acme/shop.git\"}")
                .post("/missions").then().statusCode(201).extract().path("id");
        Instant deadline = Instant.now().plusSeconds(30);
        while (!"RUNNING".equals(api().get("/missions/" + id).then().extract().path("status")) && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        return id;
    }

    private static void command(String id, String command) {
        api().contentType(ContentType.JSON).body("{\"command\": \"" + command + "\"}").post("/missions/" + id + "/commands")
                .then().statusCode(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
