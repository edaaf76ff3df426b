package dev.missions.coordinator.dispatch;

import dev.missions.coordinator.budget.Limits;
import dev.missions.coordinator.engine.EngineConfig;
import dev.missions.coordinator.mission.Json;
import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.mission.MissionEvents;
import dev.missions.coordinator.mission.Subtask;
import dev.missions.coordinator.mission.SubtaskStatus;
import dev.missions.outbox.Outbox;
import dev.missions.events.Budget;
import dev.missions.events.Casting;
import dev.missions.events.MissionEventType;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.Workspace;
import dev.missions.schemas.Topic;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Casts a subtask attempt to its role's topic and starts its lease, in the transaction that decided it should run. */
@ApplicationScoped
public class Dispatcher {

    @Inject
    Outbox outbox;

    @Inject
    MissionEvents events;

    @Inject
    EngineConfig config;

    public Uni<Void> dispatch(Mission mission, Subtask subtask, Map<String, String> inputs, String causationId) {
        subtask.moveTo(SubtaskStatus.DISPATCHED);
        subtask.dueAt = null;
        // the lease proper starts with the droid's first heartbeat; until then the task may be queued
        subtask.leaseExpiresAt = Instant.now().plus(config.pickupTimeout());
        SubtaskAssigned task = SubtaskAssigned.newBuilder()
                .setMeta(MissionEvents.meta(mission, causationId))
                .setSubtaskId(subtask.id.toString())
                .setAttempt(subtask.attempt)
                .setRole(subtask.role)
                .setTitle(subtask.title)
                .setInstructions(subtask.instructions)
                .setAcceptanceCriteria(subtask.acceptanceCriteria.isBlank() ? List.of() : List.of(subtask.acceptanceCriteria.split("\n")))
                .setCasting(Casting.newBuilder().setProvider(subtask.provider).setModel(subtask.model).build())
                .setWorkspace(Workspace.newBuilder().setRepository(mission.repository)
                        .setBaseBranch(mission.baseBranch).setMissionBranch(mission.missionBranch).build())
                .setLeaseSeconds((int) config.lease().toSeconds())
                .setBudget(remaining(mission))
                .setInputs(inputs)
                .build();
        return outbox.add(Topic.tasksFor(subtask.role), mission.id.toString(), task)
                .chain(() -> events.announce(mission, MissionEventType.SUBTASK_STARTED, subtask,
                        subtask.title + ": " + subtask.role.name().toLowerCase() + " droid cast on " + subtask.provider + "/"
                                + subtask.model + ", attempt " + subtask.attempt,
                        task.getMeta().getEventId(), Map.of()));
    }

    /** What is left of the mission's budget, so a droid can stop before it crosses it; null when unlimited. */
    static Budget remaining(Mission mission) {
        Limits limits = mission.limits();
        if (limits.maxTokens == null && limits.maxCostUsd == null) {
            return null;
        }
        return Budget.newBuilder()
                .setMaxTokens(limits.maxTokens == null ? null : Math.max(0, limits.maxTokens - mission.spend.tokens()))
                .setMaxCostUsd(limits.maxCostUsd == null ? null : Math.max(0, limits.maxCostUsd - mission.spend.costUsd))
                .build();
    }

    /** Inputs of a subtask: what its own row carries plus the artifacts of the subtasks it waited for. */
    public static Map<String, String> inputsFor(Subtask subtask, List<Subtask> all) {
        Map<String, String> inputs = new java.util.LinkedHashMap<>();
        for (Subtask other : all) {
            if (subtask.dependencies().contains(other.planKey)) {
                inputs.putAll(Json.read(other.artifacts));
            }
        }
        inputs.putAll(Json.read(subtask.inputs));
        return inputs;
    }
}
