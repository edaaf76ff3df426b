package dev.missions.coordinator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class AuthTest {

    static final String GOOD = "{\"goal\": \"g\", \"repository\": \"file:///tmp/r\"}";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST, /missions",
            "GET, /missions/00000000-0000-0000-0000-000000000000",
            "GET, /missions/not-even-a-uuid",
            "GET, /missions",
            "POST, /missions/00000000-0000-0000-0000-000000000000/commands",
            "GET, /missions/00000000-0000-0000-0000-000000000000/events",
            "GET, /analytics",
            "GET, /events",
            "GET, /me",
            "GET, /q/../missions"})
    void everyRouteWithoutATokenIs401(String method, String path) {
        given().contentType(ContentType.JSON).body(GOOD).request(Method.valueOf(method), path)
                .then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"missions\"")
                .body("error", equalTo("send Authorization: Bearer <token>"));
    }

    @Test
    void aWrongTokenIs401AndEveryConfiguredTokenWorks() {
        given().auth().oauth2("test-token-but-longer").get("/missions/00000000-0000-0000-0000-000000000000")
                .then().statusCode(401).body("error", containsString("not valid"));
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/missions/00000000-0000-0000-0000-000000000000")
                .then().statusCode(401);
        given().auth().oauth2("second-token").get("/missions/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        Missions.api().get("/missions/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    @Test
    void aCommandIsRecordedAsTheTokensNameAndABodyNamingAnActorIsRefused() throws Exception {
        String missionId = Missions.createFeature("Who paused me");
        assertEquals("tester", Missions.text("select source_reference from mission where id = '" + missionId + "'"),
                "an API mission records who asked for it");

        given().auth().oauth2("second-token").contentType(ContentType.JSON)
                .body("{\"command\": \"PAUSE\", \"actor\": \"ada\", \"reason\": \"lunch\"}")
                .post("/missions/" + missionId + "/commands")
                .then().statusCode(400).body("error", containsString("actor is not accepted"));
        assertEquals("RUNNING", Missions.get(missionId).getString("status"), "a refused command changes nothing");

        given().auth().oauth2("second-token").contentType(ContentType.JSON).body("{\"command\": \"PAUSE\", \"reason\": \"lunch\"}")
                .post("/missions/" + missionId + "/commands").then().statusCode(200).body("status", equalTo("PAUSED"));
        Missions.api().contentType(ContentType.JSON).body("{\"command\": \"CANCEL\"}")
                .post("/missions/" + missionId + "/commands").then().statusCode(200);

        List<String> messages = Missions.get(missionId).getList("timeline.message");
        assertTrue(messages.contains("paused by second: lunch"), messages::toString);
        assertTrue(messages.contains("cancelled by tester"), messages::toString);
        assertFalse(messages.stream().anyMatch(m -> m.contains("ada")), messages::toString);
    }

    @Test
    void aPathThatMatchesNoRouteIs404AndRevealsNothing() {
        given().get("/nothing-here").then().statusCode(404);
        given().get("/ui/../missions").then().statusCode(401);
    }

    @Test
    void meNamesTheTokensHolder() {
        given().auth().oauth2("second-token").get("/me").then().statusCode(200).body("name", equalTo("second"));
    }

    @Test
    void healthAndOpenApiStayOpen() {
        given().get("/q/health").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
