package dev.missions.gateway.inbound;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.missions.gateway.support.Rows;
import dev.missions.gateway.support.ExternalApis;
import dev.missions.gateway.support.Signing;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Dedupe lives in PostgreSQL, not in memory: rows written as an earlier gateway process would have left them
 * (straight into the database) are honoured, and what a request records is there for the next process.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(ExternalApis.class)
class DurableDedupeTest {

    @Inject
    Rows rows;

    static String workflowRun(String repo, String sha, long runId) {
        return """
                {"action": "completed", "workflow_run": {"id": %d, "name": "CI", "head_branch": "main", "head_sha": "%s",
                 "conclusion": "failure", "workflow_id": 77, "html_url": "https://github.com/%s/actions/runs/%d"},
                 "repository": {"full_name": "%s", "clone_url": "https://github.com/%s.git"}}""".formatted(runId, sha, repo, runId, repo, repo);
    }

    @Test
    void aDeliveryRecordedByAnEarlierProcessIsAReplay() throws SQLException {
        String delivery = UUID.randomUUID().toString();
        rows.execute("insert into delivery (provider, delivery_id, received_at) values (?, ?, now())", "github", delivery);
        String body = workflowRun("acme/durable-" + delivery.substring(0, 8), "abc123", 1);
        given().contentType(ContentType.JSON).header("X-GitHub-Event", "workflow_run").header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", Signing.github(body.getBytes(StandardCharsets.UTF_8))).body(body)
                .post("/webhooks/github").then().statusCode(400).body("error", containsString("replayed delivery"));
    }

    @Inject
    Intake intake;

    @Test
    void deliveriesAreForgottenAfterTheTtlAndMissionKeysKeptForGood() throws Throwable {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        rows.execute("insert into delivery (provider, delivery_id, received_at) values ('linear', ?, now() - interval '8 days')", old);
        rows.execute("insert into delivery (provider, delivery_id, received_at) values ('linear', ?, now() - interval '6 days')", recent);
        String key = "linear:" + old;
        rows.execute("insert into mission_key (mission_key, mission_id, created_at) values (?, ?::uuid, now() - interval '400 days')",
                key, UUID.randomUUID().toString());

        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> intake.forgetOldDeliveries());

        assertEquals(0, rows.count("select count(*) from delivery where delivery_id = ?", old), "past the 7-day TTL");
        assertEquals(1, rows.count("select count(*) from delivery where delivery_id = ?", recent));
        assertEquals(1, rows.count("select count(*) from mission_key where mission_key = ?", key), "one mission per issue, for good");
    }

    @Test
    void aMissionKeyTakenByAnEarlierProcessStartsNoSecondMission() throws SQLException {
        String repo = "acme/durable-" + UUID.randomUUID().toString().substring(0, 8);
        rows.execute("insert into mission_key (mission_key, mission_id, created_at) values (?, ?::uuid, now())",
                "github:" + repo + ":def456:77", UUID.randomUUID().toString());
        String body = workflowRun(repo, "def456", 2);
        String delivery = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("X-GitHub-Event", "workflow_run").header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", Signing.github(body.getBytes(StandardCharsets.UTF_8))).body(body)
                .post("/webhooks/github").then().statusCode(200).body("status", equalTo("ignored"))
                .body("reason", containsString("already started"));
        assertEquals(1, rows.count("select count(*) from delivery where delivery_id = ?", delivery), "the delivery is recorded for good");
        assertEquals(0, rows.count("select count(*) from outbox where message_key in (select mission_id::text from mission_key where mission_key = ?)",
                "github:" + repo + ":def456:77"));
    }
}
