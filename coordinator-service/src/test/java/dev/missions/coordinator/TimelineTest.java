package dev.missions.coordinator;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class TimelineTest {

    final DroidDouble droids = DroidDouble.shared();

    @Test
    void theStreamSendsTheTimelineSoFarThenEachEventAsItCommitsAndEndsAfterTheLast() throws Exception {
        String missionId = Missions.createFeature("Stream my progress");
        // no droid answers yet: the code subtask waits, dispatched
        Missions.awaitStatus(missionId, "RUNNING");

        EventStream stream = EventStream.open(missionId, null);
        assertEquals(200, stream.status);
        assertTrue(stream.contentType.startsWith("text/event-stream"), stream.contentType);
        stream.await(e -> e.type().equals("SUBTASK_STARTED"), Missions.WAIT);

        droids.script(missionId, task -> List.of(MissionEngineTest.approving(task)));
        stream.awaitEnd(Missions.WAIT);

        List<String> types = stream.events.stream().map(EventStream.Event::type).toList();
        assertEquals("ACCEPTED", types.getFirst(), types::toString);
        assertEquals("SUCCEEDED", types.getLast(), types::toString);
        assertEquals(4, types.stream().filter("SUBTASK_SUCCEEDED"::equals).count(), types::toString);
        List<Long> ids = stream.events.stream().map(EventStream.Event::id).toList();
        assertEquals(ids.stream().sorted().distinct().toList(), ids, "ids rise strictly");
        JsonPath last = JsonPath.from(stream.events.getLast().data());
        assertEquals("SUCCEEDED", last.getString("type"));
        assertEquals("SUCCEEDED", last.getString("status"));
        assertEquals(missionId, last.getString("missionId"));
        assertEquals(ids.getLast().longValue(), last.getLong("id"));

        // the same timeline in GET /missions/{id}, and the same events on the bus, in the same order
        JsonPath mission = Missions.get(missionId);
        assertEquals(ids, mission.getList("timeline.id", Long.class));
        assertEquals(types, mission.getList("timeline.type"));
        droids.await(missionId, MissionEvent.class, e -> e.getType() == MissionEventType.SUCCEEDED, Missions.WAIT);
        List<String> published = droids.records(missionId, MissionEvent.class).stream().map(e -> e.getMeta().getEventId())
                .distinct().toList();
        assertEquals(mission.getList("timeline.eventId"), published);
    }

    @Test
    void lastEventIdResumesAfterThatEvent() throws Exception {
        String missionId = Missions.createFeature("Resume my stream");
        droids.script(missionId, task -> List.of(MissionEngineTest.approving(task)));
        Missions.awaitStatus(missionId, "SUCCEEDED");
        List<Long> ids = Missions.get(missionId).getList("timeline.id", Long.class);

        EventStream resumed = EventStream.open(missionId, ids.get(2));
        resumed.awaitEnd(Missions.WAIT);
        assertEquals(ids.subList(3, ids.size()), resumed.events.stream().map(EventStream.Event::id).toList());

        EventStream caughtUp = EventStream.open(missionId, ids.getLast());
        caughtUp.awaitEnd(Missions.WAIT);
        assertEquals(List.of(), caughtUp.events);
    }

    @Test
    void anUnknownMissionIs404AndBadInputIs400() {
        Missions.api().get("/missions/" + UUID.randomUUID() + "/events").then().statusCode(404)
                .body("error", containsString("no mission"));
        Missions.api().get("/missions/not-a-uuid/events").then().statusCode(400)
                .body("error", containsString("mission id must be a UUID"));
        String missionId = Missions.createFeature("Bad resume");
        Missions.api().header("Last-Event-ID", "yesterday").get("/missions/" + missionId + "/events").then().statusCode(400)
                .body("error", containsString("Last-Event-ID must be a timeline id"));
        RestAssured.given().get("/missions/" + missionId + "/events").then().statusCode(401);
        Missions.api().contentType("application/json").body("{\"command\": \"CANCEL\"}").post("/missions/" + missionId + "/commands")
                .then().statusCode(200);
    }
}
