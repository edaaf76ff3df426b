package dev.missions.coordinator.engine;

import dev.missions.coordinator.casting.CastingConfig;
import dev.missions.coordinator.dispatch.Dispatcher;
import dev.missions.coordinator.mission.Json;
import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.mission.MissionEvents;
import dev.missions.coordinator.mission.Subtask;
import dev.missions.coordinator.mission.SubtaskStatus;
import dev.missions.coordinator.planning.Plan;
import dev.missions.coordinator.planning.PlanValidator;
import dev.missions.events.Casting;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.events.Source;
import dev.missions.schemas.Artifacts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Moves a mission along its DAG: every subtask whose dependencies have all succeeded is dispatched at
 * once, so independent subtasks run in parallel; when all have succeeded the mission has.
 * Callers hold the mission's row lock, inside one transaction.
 */
@ApplicationScoped
public class MissionEngine {

    @Inject
    Dispatcher dispatcher;

    @Inject
    MissionEvents events;

    @Inject
    CastingConfig casting;

    /** Sources whose finished work waits for a person before the mission succeeds (missions.approval.handoff-for). */
    @ConfigProperty(name = "missions.approval.handoff-for")
    Optional<List<Source>> handoffFor;

    /** Stores the plan's subtasks, announces the plan and dispatches what can start. */
    public Uni<Void> start(Mission mission, Plan plan, String causation) {
        List<Subtask> subtasks = new ArrayList<>();
        for (Plan.Milestone milestone : plan.milestones()) {
            for (Plan.Step step : milestone.subtasks()) {
                subtasks.add(newSubtask(mission, subtasks.size(), step, milestone.title()));
            }
        }
        String summary = subtasks.size() + " subtasks in " + plan.milestones().size() + " milestones ("
                + subtasks.stream().map(s -> s.planKey).collect(Collectors.joining(", ")) + ") from the " + mission.planSource.toLowerCase();
        return Subtask.persist(subtasks)
                .chain(() -> events.announce(mission, MissionEventType.PLANNED, summary, causation))
                .chain(() -> advance(mission, subtasks, causation));
    }

    /** Dispatches every ready subtask, or completes the mission when nothing is left. */
    public Uni<Void> advance(Mission mission, List<Subtask> all, String causation) {
        if (mission.status != MissionStatus.RUNNING) {
            return Uni.createFrom().voidItem();
        }
        List<Subtask> subtasks = SubtaskStatus.live(all);
        if (subtasks.stream().allMatch(s -> s.status == SubtaskStatus.SUCCEEDED)) {
            if (handoffFor.orElse(List.of()).contains(mission.source) && !mission.handoffApproved) {
                mission.moveTo(MissionStatus.AWAITING_APPROVAL);
                return events.announce(mission, MissionEventType.AWAITING_APPROVAL,
                        "all subtasks done; the hand-off waits for approval", causation);
            }
            return succeed(mission, subtasks, causation);
        }
        Set<String> done = subtasks.stream().filter(s -> s.status == SubtaskStatus.SUCCEEDED).map(s -> s.planKey)
                .collect(Collectors.toSet());
        Uni<Void> dispatches = Uni.createFrom().voidItem();
        for (Subtask subtask : subtasks) {
            if (subtask.status == SubtaskStatus.PENDING && done.containsAll(subtask.dependencies())) {
                dispatches = dispatches.chain(() -> dispatcher.dispatch(mission, subtask, Dispatcher.inputsFor(subtask, subtasks), causation));
            }
        }
        return dispatches;
    }

    public Uni<Void> block(Mission mission, String reason, String causation) {
        mission.moveTo(MissionStatus.BLOCKED);
        mission.blockedReason = reason;
        return events.announce(mission, MissionEventType.BLOCKED, reason, causation);
    }

    private Uni<Void> succeed(Mission mission, List<Subtask> subtasks, String causation) {
        mission.moveTo(MissionStatus.SUCCEEDED);
        Map<String, String> result = new LinkedHashMap<>();
        result.put("missionBranch", mission.missionBranch);
        for (Subtask subtask : subtasks) {
            Map<String, String> artifacts = Json.read(subtask.artifacts);
            for (String key : List.of(Artifacts.VERDICT, Artifacts.TESTS, Artifacts.COMMITS, Artifacts.FILES_CHANGED)) {
                if (artifacts.containsKey(key)) {
                    result.put(key, artifacts.get(key));
                }
            }
        }
        result.put("tokens", Long.toString(mission.spend.tokens()));
        result.put("costUsd", String.format(java.util.Locale.ROOT, "%.6f", mission.spend.costUsd));
        mission.result = Json.write(result);
        return events.announce(mission, MissionEventType.SUCCEEDED, null,
                "mission succeeded on branch " + mission.missionBranch, causation, result);
    }

    public Subtask newSubtask(Mission mission, int position, Plan.Step step, String milestone) {
        Role role = PlanValidator.role(step.role());
        Casting cast = casting.castFor(role);
        Instant now = Instant.now();
        Subtask subtask = new Subtask();
        subtask.id = UUID.randomUUID();
        subtask.missionId = mission.id;
        subtask.position = position;
        subtask.planKey = step.key();
        subtask.milestone = milestone;
        subtask.role = role;
        subtask.title = step.title() == null || step.title().isBlank() ? step.key() : step.title();
        subtask.instructions = step.instructions();
        subtask.acceptanceCriteria = step.acceptanceCriteria() == null ? "" : String.join("\n", step.acceptanceCriteria());
        subtask.dependsOn = step.dependsOn() == null ? "" : String.join(",", step.dependsOn());
        subtask.status = SubtaskStatus.PENDING;
        subtask.attempt = 1;
        subtask.provider = cast.getProvider();
        subtask.model = cast.getModel();
        subtask.createdAt = now;
        subtask.updatedAt = now;
        return subtask;
    }
}
