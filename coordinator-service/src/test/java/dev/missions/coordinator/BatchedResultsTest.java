package dev.missions.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.missions.coordinator.result.ResultApplier;
import dev.missions.events.EventMeta;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.SubtaskCompleted;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The results of one poll are applied with one read and one write: several decisions on one mission build on each
 * other, other missions go in beside them, and a duplicate inside the batch or in a later one changes nothing.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class BatchedResultsTest {

    final DroidDouble droids = DroidDouble.shared();

    @Inject
    ResultApplier applier;

    @Test
    void oneBatchAppliesEveryResultOnceInOrderPerMission() throws Exception {
        String parallel = Missions.createTwoCodeThenReview("Two things at once, answered together");
        String feature = Missions.createFeature("A feature answered in the same batch");
        // silent droids: the results are applied below, by hand, as one batch
        droids.script(parallel, task -> List.of());
        droids.script(feature, task -> List.of());
        SubtaskAssigned api = awaitTask(parallel, "API");
        SubtaskAssigned ui = awaitTask(parallel, "UI");
        SubtaskAssigned code = droids.await(feature, SubtaskAssigned.class, t -> t.getRole() == Role.CODE, Missions.WAIT);
        SubtaskCompleted apiDone = MissionEngineTest.approving(api);
        SubtaskCompleted unknownMission = SubtaskCompleted.newBuilder(MissionEngineTest.approving(code))
                .setMeta(EventMeta.newBuilder(apiDone.getMeta()).setEventId(UUID.randomUUID().toString())
                        .setMissionId(UUID.randomUUID().toString()).build())
                .build();
        List<SubtaskCompleted> batch = List.of(apiDone, MissionEngineTest.approving(code), apiDone,
                MissionEngineTest.approving(ui), unknownMission);

        List<Boolean> changed = applier.applyAll(batch, Collections.nCopies(batch.size(), (String) null)).await().atMost(Duration.ofSeconds(30));

        assertEquals(List.of(true, true, false, true, false), changed);
        SubtaskAssigned review = awaitTask(parallel, "Review");
        assertEquals(1, review.getAttempt());
        JsonPath both = Missions.get(parallel);
        assertEquals(List.of("SUCCEEDED", "SUCCEEDED"), both.getList("subtasks.findAll { it.key == 'api' || it.key == 'ui' }.status"));
        assertEquals(2, Missions.count("select count(*) from subtask_result r join subtask s on s.id = r.subtask_id"
                + " where s.mission_id = '" + parallel + "'"));
        JsonPath one = Missions.get(feature);
        assertEquals("SUCCEEDED", one.getString("subtasks.find { it.key == 'code' }.status"));
        droids.await(feature, SubtaskAssigned.class, t -> t.getRole() == Role.TEST, Missions.WAIT);

        assertEquals(List.of(false, false, false, false, false), applier.applyAll(batch, Collections.nCopies(batch.size(), (String) null)).await().atMost(Duration.ofSeconds(30)));
        assertEquals(1, droids.records(parallel, SubtaskAssigned.class).stream().filter(t -> t.getTitle().equals("Review")).count());
    }

    private SubtaskAssigned awaitTask(String missionId, String title) {
        return droids.await(missionId, SubtaskAssigned.class, t -> t.getTitle().equals(title), Missions.WAIT);
    }
}
