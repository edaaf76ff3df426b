package dev.missions.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.missions.coordinator.inbox.InboxPruning;
import dev.missions.outbox.OutboxPruning;
import dev.missions.testsupport.EmbeddedDatabase;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class PruningTest {

    @Inject
    OutboxPruning outbox;

    @Inject
    InboxPruning inbox;

    /** The rows are made up, not records: the relay must not see them, so this test holds its lock meanwhile. */
    @Test
    void sentOutboxRowsGoAfterTheirRetentionAndUnsentOnesNever() throws Exception {
        String key = "pruning-" + UUID.randomUUID();
        try (Connection relay = EmbeddedDatabase.shared().connect("coordinator")) {
            RelayLock.take(relay);
            try {
                execute("insert into outbox (topic, message_key, record_class, payload, created_at, sent_at) values"
                        + " ('t', '" + key + "', 'c', '\\x00', now() - interval '3 hours', now() - interval '2 hours'),"
                        + " ('t', '" + key + "', 'c', '\\x00', now() - interval '3 hours', null),"
                        + " ('t', '" + key + "', 'c', '\\x00', now(), now())");

                outbox.pruneSentBefore(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1)).await().indefinitely();

                assertEquals(0, Missions.count("select count(*) from outbox where message_key = '" + key
                        + "' and sent_at < now() - interval '1 hour'"));
                assertEquals(1, Missions.count("select count(*) from outbox where message_key = '" + key + "' and sent_at is null"));
                assertEquals(2, Missions.count("select count(*) from outbox where message_key = '" + key + "'"));
            } finally {
                execute("delete from outbox where message_key = '" + key + "'");
                RelayLock.release(relay);
            }
        }
    }

    @Test
    void consumedEventIdsAreForgottenAfterTheirRetention() throws Exception {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        execute("insert into inbox (event_id, topic, received_at) values ('" + old + "', 't', now() - interval '8 days'),"
                + " ('" + recent + "', 't', now() - interval '6 days')");

        inbox.pruneReceivedBefore(OffsetDateTime.now(ZoneOffset.UTC).minusDays(7)).await().indefinitely();

        assertEquals(0, Missions.count("select count(*) from inbox where event_id = '" + old + "'"));
        assertEquals(1, Missions.count("select count(*) from inbox where event_id = '" + recent + "'"));
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = EmbeddedDatabase.shared().connect("coordinator")) {
            connection.createStatement().execute(sql);
        }
    }
}
