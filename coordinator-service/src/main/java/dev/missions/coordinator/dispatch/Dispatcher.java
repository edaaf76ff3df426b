package dev.missions.coordinator.dispatch;

import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.mission.MissionEvents;
import dev.missions.coordinator.mission.Subtask;
import dev.missions.coordinator.mission.SubtaskStatus;
import dev.missions.coordinator.outbox.Outbox;
import dev.missions.events.Casting;
import dev.missions.events.MissionEventType;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.Workspace;
import dev.missions.schemas.Topic;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** Casts a subtask to its role's topic, in the transaction that decided it should run. */
@ApplicationScoped
public class Dispatcher {

    @Inject
    Outbox outbox;

    @Inject
    MissionEvents events;

    public Uni<Void> dispatch(Mission mission, Subtask subtask, String causationId) {
        subtask.moveTo(SubtaskStatus.DISPATCHED);
        SubtaskAssigned task = SubtaskAssigned.newBuilder()
                .setMeta(MissionEvents.meta(mission, causationId))
                .setSubtaskId(subtask.id.toString())
                .setAttempt(subtask.attempt)
                .setRole(subtask.role)
                .setTitle(subtask.title)
                .setInstructions(subtask.instructions)
                .setCasting(Casting.newBuilder().setProvider(subtask.provider).setModel(subtask.model).build())
                .setWorkspace(Workspace.newBuilder().setRepository(mission.repository)
                        .setBaseBranch(mission.baseBranch).setMissionBranch(mission.missionBranch).build())
                .build();
        return outbox.add(Topic.tasksFor(subtask.role), mission.id.toString(), task)
                .chain(() -> events.announce(mission, MissionEventType.SUBTASK_STARTED, subtask,
                        subtask.role + " droid cast on " + subtask.provider + "/" + subtask.model + ", attempt " + subtask.attempt,
                        task.getMeta().getEventId(), Map.of()));
    }
}
