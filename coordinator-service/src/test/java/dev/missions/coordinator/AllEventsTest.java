package dev.missions.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** GET /events: every mission's timeline in one stream, resumable with Last-Event-ID. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class AllEventsTest {

    @Test
    void resumingAfterAnIdGivesOnlyLaterEventsOfEveryMission() throws Exception {
        String first = Missions.createFeature("All events, first");
        EventStream all = EventStream.openAll(null);
        EventStream.Event firstPlanned;
        try {
            assertEquals(200, all.status);
            assertTrue(all.contentType.startsWith("text/event-stream"), all.contentType);
            firstPlanned = all.await(e -> e.data().contains(first) && e.type().equals("PLANNED"), Duration.ofSeconds(20));
            assertTrue(firstPlanned.data().contains("\"missionId\":\"" + first + "\""), firstPlanned.data());
        } finally {
            all.close();
        }

        String second = Missions.createFeature("All events, second");
        EventStream resumed = EventStream.openAll(firstPlanned.id());
        try {
            resumed.await(e -> e.data().contains(second) && e.type().equals("PLANNED"), Duration.ofSeconds(20));
            assertTrue(resumed.events.stream().allMatch(e -> e.id() > firstPlanned.id()), resumed.events::toString);
            assertFalse(resumed.events.stream().anyMatch(e -> e.id() == firstPlanned.id()), "the event resumed after comes not again");
            long previous = 0;
            for (EventStream.Event event : resumed.events) {
                assertTrue(event.id() > previous, "oldest first: " + resumed.events);
                previous = event.id();
            }
        } finally {
            resumed.close();
        }
    }

    @Test
    void fromLatestGivesOnlyWhatHappensNext() throws Exception {
        String before = Missions.createFeature("All events, before");
        // cancelled: it announces nothing more, so any event of it on the stream would be history
        Missions.api().contentType("application/json").body("{\"command\": \"CANCEL\"}").post("/missions/" + before + "/commands")
                .then().statusCode(200);
        Missions.awaitStatus(before, "CANCELLED");
        Missions.sleep(500);
        EventStream live = EventStream.openAllFromLatest();
        try {
            String after = Missions.createFeature("All events, after");
            live.await(e -> e.data().contains(after), Duration.ofSeconds(20));
            assertFalse(live.events.stream().anyMatch(e -> e.data().contains(before)), live.events::toString);
        } finally {
            live.close();
        }
    }

    @Test
    void aBadResumePointIs400() {
        Missions.api().header("Last-Event-ID", "yesterday").get("/events").then().statusCode(400);
        Missions.api().get("/events?from=tomorrow").then().statusCode(400);
    }
}
