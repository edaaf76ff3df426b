package dev.missions.coordinator;

import static io.restassured.RestAssured.given;

import dev.missions.testsupport.EmbeddedDatabase;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

/** The coordinator's API and database as the tests use them. */
final class Missions {

    static final Duration WAIT = Duration.ofSeconds(45);

    static final String TOKEN = "test-token";

    private Missions() {
    }

    /** A request with the API's bearer token. */
    static RequestSpecification api() {
        return given().auth().oauth2(TOKEN);
    }

    static String create(String json) {
        return api().contentType(ContentType.JSON).body(json).post("/missions")
                .then().statusCode(201).extract().path("id");
    }

    static String createFeature(String goal) {
        return create("{\"goal\": \"" + goal + "\", \"repository\": \"https://git.example.com/acme/shop.git\"}");
    }

    /** Two code subtasks side by side (titled API and UI), then a review that depends on both. */
    static String createTwoCodeThenReview(String goal) {
        return create("""
                {"goal": "%s", "repository": "file:///tmp/shop",
                 "plan": {"milestones": [{"title": "both", "subtasks": [
                   {"key": "api", "role": "code", "title": "API", "instructions": "build the API", "dependsOn": []},
                   {"key": "ui", "role": "code", "title": "UI", "instructions": "build the UI", "dependsOn": []},
                   {"key": "check", "role": "review", "title": "Review", "instructions": "review both", "dependsOn": ["api", "ui"]}]}]}}""".formatted(goal));
    }

    static JsonPath get(String missionId) {
        return api().get("/missions/" + missionId).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath awaitStatus(String missionId, String status) {
        Instant deadline = Instant.now().plus(WAIT);
        JsonPath mission = get(missionId);
        while (!status.equals(mission.getString("status")) && Instant.now().isBefore(deadline)) {
            sleep(100);
            mission = get(missionId);
        }
        if (!status.equals(mission.getString("status"))) {
            throw new AssertionError("mission " + missionId + " is " + mission.getString("status") + ", not " + status
                    + ": " + mission.prettify());
        }
        return mission;
    }

    static long count(String sql) throws Exception {
        try (Connection connection = EmbeddedDatabase.shared().connect("coordinator");
                ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String text(String sql) throws Exception {
        try (Connection connection = EmbeddedDatabase.shared().connect("coordinator");
                ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
