package dev.missions.coordinator.mission;

import dev.missions.coordinator.casting.CastingConfig;
import dev.missions.coordinator.dispatch.Dispatcher;
import dev.missions.coordinator.inbox.Inbox;
import dev.missions.events.Casting;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionRequested;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.events.Source;
import dev.missions.schemas.Topic;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * Turns a request into a stored mission and dispatches its first work, all in one transaction.
 * Until the planner exists, every mission is planned as one code subtask.
 */
@ApplicationScoped
public class MissionAdmission {

    @Inject
    Inbox inbox;

    @Inject
    MissionEvents events;

    @Inject
    Dispatcher dispatcher;

    @Inject
    CastingConfig casting;

    /** The stored mission, or the one already admitted for this request's eventId. */
    @WithTransaction
    public Uni<Mission> admit(MissionRequested request) {
        UUID missionId = UUID.fromString(request.getMeta().getMissionId());
        return inbox.firstDelivery(request.getMeta().getEventId(), Topic.MISSION_REQUESTS.topicName())
                .flatMap(first -> first ? create(missionId, request) : Mission.findById(missionId));
    }

    private Uni<Mission> create(UUID missionId, MissionRequested request) {
        Instant now = Instant.now();
        Mission mission = new Mission();
        mission.id = missionId;
        mission.goal = request.getGoal();
        mission.title = request.getTitle();
        mission.context = request.getContext();
        mission.repository = request.getRepository();
        mission.baseBranch = request.getBaseBranch();
        mission.missionBranch = "missions/" + missionId.toString().substring(0, 8);
        mission.kind = request.getKind();
        mission.source = request.getOrigin() == null ? Source.API : request.getOrigin().getSource();
        mission.sourceReference = request.getOrigin() == null ? null : request.getOrigin().getReference();
        mission.sourceUrl = request.getOrigin() == null ? null : request.getOrigin().getUrl();
        mission.correlationId = request.getMeta().getCorrelationId();
        mission.status = MissionStatus.REQUESTED;
        mission.createdAt = now;
        mission.updatedAt = now;

        Subtask code = subtask(mission, 0, Role.CODE, "Implement the goal", request.getGoal());
        String causation = request.getMeta().getEventId();
        return mission.persist()
                .chain(() -> events.announce(mission, MissionEventType.ACCEPTED, "mission accepted: " + mission.goal, causation))
                .chain(() -> {
                    mission.moveTo(MissionStatus.RUNNING);
                    return code.persist();
                })
                .chain(() -> events.announce(mission, MissionEventType.PLANNED, "planned 1 subtask (code)", causation))
                .chain(() -> dispatcher.dispatch(mission, code, causation))
                .replaceWith(mission);
    }

    private Subtask subtask(Mission mission, int position, Role role, String title, String instructions) {
        Casting cast = casting.castFor(role);
        Subtask subtask = new Subtask();
        subtask.id = UUID.randomUUID();
        subtask.missionId = mission.id;
        subtask.position = position;
        subtask.role = role;
        subtask.title = title;
        subtask.instructions = instructions;
        subtask.status = SubtaskStatus.PENDING;
        subtask.attempt = 1;
        subtask.provider = cast.getProvider();
        subtask.model = cast.getModel();
        subtask.createdAt = mission.createdAt;
        subtask.updatedAt = mission.createdAt;
        return subtask;
    }
}
