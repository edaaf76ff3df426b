package dev.missions.testsupport;

import dev.missions.schemas.Metas;
import dev.missions.events.Casting;
import dev.missions.events.EventMeta;
import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.Workspace;
import java.util.List;
import java.util.UUID;

/** Valid events with fresh ids, for tests that only need "a real one". */
public final class EventSamples {

    private EventSamples() {
    }

    /** Meta of a new event in a new mission. */
    public static EventMeta meta() {
        return Metas.first(UUID.randomUUID().toString());
    }

    /** Attempt 1 of a new subtask for {@code role}, in a new mission. */
    public static SubtaskAssigned subtaskAssigned(Role role) {
        return SubtaskAssigned.newBuilder()
                .setMeta(meta())
                .setSubtaskId("subtask-" + UUID.randomUUID())
                .setAttempt(1)
                .setRole(role)
                .setTitle("Add a greeting endpoint")
                .setInstructions("Add GET /hello that answers 'hello'.")
                .setAcceptanceCriteria(List.of("GET /hello answers 200 'hello'"))
                .setCasting(Casting.newBuilder().setProvider("replay").setModel("scripted-1").build())
                .setWorkspace(Workspace.newBuilder()
                        .setRepository("file:///tmp/missions/sample.git")
                        .setBaseBranch("main")
                        .setMissionBranch("missions/sample")
                        .build())
                .build();
    }

    /** A task for {@code role} on a real repository, cast to {@code provider}/{@code model}, in a new mission. */
    public static SubtaskAssigned droidTask(Role role, String repository, String provider, String model) {
        SubtaskAssigned task = subtaskAssigned(role);
        return SubtaskAssigned.newBuilder(task)
                .setCasting(Casting.newBuilder().setProvider(provider).setModel(model).build())
                .setWorkspace(Workspace.newBuilder().setRepository(repository).setBaseBranch("main")
                        .setMissionBranch("missions/" + task.getMeta().getMissionId()).build())
                .build();
    }

    /** A mission's ACCEPTED event, in a new mission. */
    public static MissionEvent missionAccepted() {
        return MissionEvent.newBuilder()
                .setMeta(meta())
                .setType(MissionEventType.ACCEPTED)
                .setStatus(MissionStatus.REQUESTED)
                .setMessage("mission accepted")
                .build();
    }
}
