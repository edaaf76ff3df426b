package dev.missions.gateway.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.missions.gateway.support.Rows;
import dev.missions.gateway.support.ExternalApis;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the outbound side keeps and for how long (delivery TTL 7 days, mapping TTL 30 days): rows are written
 * straight into the database with their ages, then the hourly clean-up runs once.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(ExternalApis.class)
class RetentionTest {

    @Inject
    Rows rows;

    @Inject
    Notifier notifier;

    /** A notification of a mission, {@code state} one of done, dead, open, that many days ago. */
    void notification(String missionId, String state, int daysAgo) throws SQLException {
        String at = "now() - interval '" + daysAgo + " days'";
        rows.execute("insert into notification (mission_id, target, payload, attempts, due_at, done_at, dead_at, last_error, created_at) "
                + "values (?, 'SLACK_PROGRESS', ''::bytea, 1, " + (state.equals("open") ? "now() + interval '1 hour'" : at) + ", "
                + (state.equals("done") ? at : "null") + ", " + (state.equals("dead") ? at + ", 'Slack answered HTTP 500'" : "null, null")
                + ", " + at + ")", missionId);
    }

    void mapped(String missionId, int daysAgo) throws SQLException {
        String at = "now() - interval '" + daysAgo + " days'";
        rows.execute("insert into slack_message (mission_id, channel, ts, created_at) values (?, 'C0MISSIONS', '1700000000.000100', " + at + ")",
                missionId);
        rows.execute("insert into pull_request (mission_id, url, created_at) values (?, 'https://github.com/acme/app/pull/1', " + at + ")",
                missionId);
    }

    long mappings(String missionId) throws SQLException {
        return rows.count("select count(*) from (select mission_id from slack_message union all select mission_id from pull_request) m "
                + "where m.mission_id = ?", missionId);
    }

    @Test
    void sentNotificationsAndEventIdsGoAfterTheDeliveryTtlDeadOnesStayAndQuietMissionsMappingsGoAfterTheMappingTtl() throws Throwable {
        String sentLongAgo = UUID.randomUUID().toString();
        String sentLately = UUID.randomUUID().toString();
        String dead = UUID.randomUUID().toString();
        String waiting = UUID.randomUUID().toString();
        notification(sentLongAgo, "done", 8);
        notification(sentLately, "done", 2);
        notification(dead, "dead", 40);
        notification(waiting, "open", 0);
        String oldEvent = UUID.randomUUID().toString();
        String newEvent = UUID.randomUUID().toString();
        rows.execute("insert into event_inbox (event_id, received_at) values (?, now() - interval '8 days')", oldEvent);
        rows.execute("insert into event_inbox (event_id, received_at) values (?, now() - interval '1 day')", newEvent);
        // mappings 40 days old: of a mission gone quiet, of missions still speaking, waiting or dead; and a young one
        String quiet = UUID.randomUUID().toString();
        String young = UUID.randomUUID().toString();
        mapped(quiet, 40);
        mapped(sentLately, 40);
        mapped(dead, 40);
        mapped(waiting, 40);
        mapped(young, 10);

        VertxContextSupport.subscribeAndAwait(() -> notifier.forgetOld());

        assertEquals(0, rows.count("select count(*) from notification where mission_id = ?", sentLongAgo), "sent 8 days ago: forgotten");
        assertEquals(1, rows.count("select count(*) from notification where mission_id = ?", sentLately));
        assertEquals(1, rows.count("select count(*) from notification where mission_id = ?", dead), "dead-lettered: kept for a person");
        assertEquals(1, rows.count("select count(*) from notification where mission_id = ?", waiting));
        assertEquals(0, rows.count("select count(*) from event_inbox where event_id = ?", oldEvent));
        assertEquals(1, rows.count("select count(*) from event_inbox where event_id = ?", newEvent));
        assertEquals(0, mappings(quiet), "quiet and past the mapping TTL: its Slack message and pull request are forgotten");
        assertEquals(2, mappings(sentLately));
        assertEquals(2, mappings(dead));
        assertEquals(2, mappings(waiting));
        assertEquals(2, mappings(young));
    }
}
