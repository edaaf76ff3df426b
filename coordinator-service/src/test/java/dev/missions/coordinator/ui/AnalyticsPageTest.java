package dev.missions.coordinator.ui;

import static dev.missions.coordinator.ui.MissionControlTest.api;
import static dev.missions.coordinator.ui.MissionControlTest.create;
import static dev.missions.coordinator.ui.MissionControlTest.session;
import static dev.missions.coordinator.ui.MissionControlTest.signedIn;
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
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The analytics page as a browser gets it: the API's figures for the chosen period, as figures, charts and tables. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class AnalyticsPageTest {

    static final String TOKEN = MissionControlTest.TOKEN;

    @Test
    void signedInItShowsTheFiguresOfTheMissionsThatExist() {
        String kept = create("Analytics kept " + UUID.randomUUID());
        String cancelled = create("Analytics cancelled " + UUID.randomUUID());
        api().contentType(ContentType.JSON).body("{\"command\": \"CANCEL\"}").post("/missions/" + cancelled + "/commands")
                .then().statusCode(200);
        String session = session();

        Response response = signedIn(session).get("/ui/analytics?period=7d");
        Document page = page(response, 200);
        // the same question to the API: missions created since the period's first day (test classes run one at a time,
        // so nothing creates missions in between; statuses may still move, counts do not)
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonPath api = api().queryParam("since", today.minusDays(6).toString()).get("/analytics").then().statusCode(200)
                .extract().jsonPath();
        int total = api.getInt("missions.total");
        assertTrue(total >= 2, api.prettify());
        assertEquals(Integer.toString(total), figure(page, "missions"));
        assertEquals(Integer.toString(api.getInt("deadLetters")), figure(page, "dead-letters"));
        assertNotNull(page.selectFirst("[data-figure=success-rate] .value"));
        for (String figure : List.of("median", "p90", "over-4h", "over-24h", "retries", "cost", "tokens")) {
            assertFalse(figure(page, figure).isBlank(), figure);
        }

        // the period chooser: labelled links, the chosen one marked
        Element periods = page.selectFirst("nav#periods");
        assertEquals("periods-label", periods.attr("aria-labelledby"));
        assertEquals(List.of("7d", "30d", "90d", "all"), periods.select("a").eachAttr("data-period"));
        assertEquals("page", periods.selectFirst("a[data-period=7d]").attr("aria-current"));
        assertNotNull(page.selectFirst("nav[aria-label=Main] a[href=/ui/analytics]"), "the layout links here");

        // missions per day: seven columns, today's holding at least the two created here, one of them cancelled
        Element perDay = page.selectFirst("svg#per-day");
        assertEquals("img", perDay.attr("role"));
        assertEquals(7, perDay.select("g.column").size());
        Element todays = perDay.select("g.column").last();
        assertTrue(Integer.parseInt(todays.attr("data-total")) >= 2, todays.outerHtml());
        assertEquals(total, perDay.select("g.column").stream().mapToInt(c -> Integer.parseInt(c.attr("data-total"))).sum());
        Element cancelledToday = todays.selectFirst("rect[data-series=Cancelled]");
        assertTrue(cancelledToday != null && Integer.parseInt(cancelledToday.attr("data-value")) >= 1, todays.outerHtml());
        assertNotNull(page.selectFirst("#per-day-table tr[data-day='" + today + "']"), "the chart's values as a table");

        // cost and tokens by role, model and source: a chart each, every chart an image with a title
        JsonPath mission = api().get("/missions/" + kept).then().extract().jsonPath();
        String model = mission.getString("subtasks[0].provider") + "/" + mission.getString("subtasks[0].model");
        assertTrue(page.select("#usage-by-model svg#tokens-by-model g.bar").eachAttr("data-label").contains(model),
                page.select("#usage-by-model").outerHtml());
        assertTrue(page.select("#usage-by-role .usage-table th[scope=row]").eachText().contains("Code"));
        assertTrue(page.select("#usage-by-source .usage-table th[scope=row]").eachText().contains("Api"));
        assertEquals(7, page.select("svg.chart").size());
        for (Element chart : page.select("svg.chart")) {
            assertEquals("img", chart.attr("role"), chart.id());
            assertFalse(chart.selectFirst("title#" + chart.id() + "-title").text().isBlank(), chart.id());
        }
        assertTrue(page.select("[style], script:not([src])").isEmpty(), "no inline style or script: CSP would block it");
        assertTrue(response.header("Content-Security-Policy").contains("style-src 'self'"));

        // the default period is the last 30 days; all time counts at least as many
        Document month = page(signedIn(session).get("/ui/analytics"), 200);
        assertEquals("page", month.selectFirst("#periods a[data-period=30d]").attr("aria-current"));
        assertEquals(30, month.select("svg#per-day g.column").size());
        Document ever = page(signedIn(session).get("/ui/analytics?period=all"), 200);
        assertTrue(Integer.parseInt(figure(ever, "missions")) >= total);
        assertEquals(api().get("/analytics").then().extract().path("missions.total").toString(), figure(ever, "missions"));
    }

    @Test
    void signedOutItSendsToSignIn() {
        Response response = given().redirects().follow(false).get("/ui/analytics?period=7d");
        assertEquals(303, response.statusCode());
        assertTrue(response.header("Location").endsWith("/ui/sign-in"), response.header("Location"));
    }

    @Test
    void aPeriodItDoesNotKnowIsSaidPlainly() {
        Document page = page(signedIn(session()).get("/ui/analytics?period=fortnight"), 400);
        String error = page.selectFirst("#analytics-error").text();
        assertTrue(error.contains("no period 'fortnight'") && error.contains("7, 30 or 90 days"), error);
        assertEquals(4, page.select("#periods a").size(), "the choices are still there");
        assertTrue(page.select("svg.chart, #figures").isEmpty());

        Document script = page(signedIn(session()).get("/ui/analytics?period=<b>x</b>"), 400);
        assertTrue(script.select("#analytics-error b").isEmpty(), "what was asked is shown as text");
    }

    // --- helpers ---

    private static String figure(Document page, String id) {
        Element value = page.selectFirst("[data-figure=" + id + "] .value");
        assertNotNull(value, id + " in " + page.select("#figures").outerHtml());
        return value.text();
    }

    private static Document page(Response response, int status) {
        String body = response.getBody().asString();
        assertEquals(status, response.statusCode(), body);
        assertFalse(body.contains(TOKEN), "the session's token is on a page");
        return Jsoup.parse(body);
    }
}
