package dev.missions.coordinator;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class MissionRequestValidationTest {

    @TestHTTPResource("/missions")
    URL missions;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing goal        | {"repository": "https://git.example.com/a.git"}                    | goal is required
            blank goal          | {"goal": "  ", "repository": "https://git.example.com/a.git"}         | goal is required
            missing repository  | {"goal": "fix it"}                                                  | repository is required
            bad repository URL  | {"goal": "fix it", "repository": "not a url"}                       | repository must be a git URL
            bad branch          | {"goal": "fix it", "repository": "file:///tmp/r", "baseBranch": "../x"} | baseBranch must be a plain branch name
            unknown kind        | {"goal": "fix it", "repository": "file:///tmp/r", "kind": "POETRY"}     | value 'POETRY' is not allowed
            wrong JSON          | {"goal": "fix it", "repository":                                    | malformed JSON
            wrong JSON type     | ["goal"]                                                            | malformed JSON
            """)
    void badInputIs400WithAClearMessageAndStoresNothing(String name, String body, String message) throws Exception {
        long before = Missions.count("select count(*) from mission");

        Missions.api().contentType(ContentType.JSON).body(body).post("/missions")
                .then().statusCode(400).body("error", containsString(message));

        assertEquals(before, Missions.count("select count(*) from mission"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty plan   | {"milestones": []}                                                                                  | the plan has no subtasks
            cycle        | {"milestones": [{"title": "m", "subtasks": [{"key": "a", "role": "code", "instructions": "x", "dependsOn": ["b"]}, {"key": "b", "role": "test", "instructions": "y", "dependsOn": ["a"]}]}]} | the plan has a cycle through a, b
            unknown role | {"milestones": [{"title": "m", "subtasks": [{"key": "a", "role": "poet", "instructions": "x"}]}]}    | subtask 'a' has unknown role 'poet'
            """)
    void anInvalidPlanIs400NamingTheProblemAndStoresNothing(String name, String plan, String message) throws Exception {
        long before = Missions.count("select count(*) from mission");

        Missions.api().contentType(ContentType.JSON).body("{\"goal\": \"g\", \"repository\": \"file:///tmp/r\", \"plan\": " + plan + "}")
                .post("/missions")
                .then().statusCode(400).body("error", containsString("invalid plan")).body("violations[0]", containsString(message));

        assertEquals(before, Missions.count("select count(*) from mission"));
    }

    @Test
    void aMissingBodyIs400() {
        Missions.api().contentType(ContentType.JSON).post("/missions")
                .then().statusCode(400).body("error", containsString("a JSON body is required"));
    }

    @Test
    void anOversizeBodyIs413AndStoresNothing() throws Exception {
        long before = Missions.count("select count(*) from mission");
        String goal = "x".repeat(300_000);

        Missions.api().contentType(ContentType.JSON).body("{\"goal\": \"" + goal + "\", \"repository\": \"file:///tmp/r\"}")
                .post("/missions")
                .then().statusCode(413).body("error", containsString("over the limit of 262144 bytes"));

        assertEquals(before, Missions.count("select count(*) from mission"));
    }

    @Test
    void aChunkedBodyIsRefusedWith413AsSoonAsWhatWasReadCrossesTheLimit() throws Exception {
        long before = Missions.count("select count(*) from mission");

        // no Content-Length at all, and the body never ends: the answer must come from counting what was read
        RawHttp.Answer answer = RawHttp.postChunked(missions, "Transfer-Encoding: chunked\r\n", oversizeJson(), false);

        assertEquals(413, answer.status(), answer.text());
        assertTrue(answer.text().contains("over the limit of 262144 bytes"), answer.text());
        assertEquals(before, Missions.count("select count(*) from mission"));
    }

    @Test
    void aContentLengthThatUnderstatesAChunkedBodyIsNoWayAroundTheLimit() throws Exception {
        long before = Missions.count("select count(*) from mission");

        // a small Content-Length beside a chunked body: the HTTP parser refuses both together (the request-smuggling
        // shape) before a byte of the body is read, so neither the header nor the chunks get as far as the API
        RawHttp.Answer answer = RawHttp.postChunked(missions, "Content-Length: 40\r\nTransfer-Encoding: chunked\r\n", oversizeJson(), true);

        assertEquals(400, answer.status(), answer.text());
        assertEquals(before, Missions.count("select count(*) from mission"));
    }

    @Test
    void aChunkedBodyWithinTheLimitIsAccepted() throws Exception {
        byte[] body = "{\"goal\": \"chunked and small\", \"repository\": \"file:///tmp/r\"}".getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer answer = RawHttp.postChunked(missions, "Transfer-Encoding: chunked\r\n", body, true);

        assertEquals(201, answer.status(), answer.text());
    }

    /** A body of 320 KiB, valid JSON as far as it goes, so only its size can refuse it. */
    private static byte[] oversizeJson() {
        return ("{\"repository\": \"file:///tmp/r\", \"goal\": \"" + "x".repeat(320 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aGoodRequestIsStillAccepted() {
        Missions.api().contentType(ContentType.JSON).body("""
                {"goal": "fix it", "repository": "git@github.com:acme/shop.git", "baseBranch": "release/1.2", "kind": "CI_FIX"}""")
                .post("/missions").then().statusCode(201).body("kind", equalTo("CI_FIX")).body("baseBranch", equalTo("release/1.2"));
    }
}
