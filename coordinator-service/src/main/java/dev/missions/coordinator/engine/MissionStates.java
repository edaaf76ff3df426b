package dev.missions.coordinator.engine;

import dev.missions.coordinator.budget.Limits;
import dev.missions.coordinator.budget.Spend;
import dev.missions.coordinator.core.BudgetLimits;
import dev.missions.coordinator.core.MissionState;
import dev.missions.coordinator.core.Spent;
import dev.missions.coordinator.core.SubtaskState;
import dev.missions.coordinator.mission.Json;
import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.mission.Subtask;
import java.util.List;

/** Between the stored rows and the decision core's state, both ways. */
public final class MissionStates {

    private MissionStates() {
    }

    public static MissionState of(Mission mission, List<Subtask> subtasks) {
        Limits limits = mission.limits();
        return new MissionState(mission.id, mission.status, mission.source, mission.createdAt, mission.updatedAt,
                new BudgetLimits(limits.maxTokens, limits.maxCostUsd, limits.maxWallClockSeconds), spent(mission.spend),
                mission.reworkRounds, mission.replans, mission.replanReason, mission.blockedReason, mission.handoffApproved,
                mission.planNote, mission.missionBranch, Json.read(mission.result),
                subtasks.stream().map(MissionStates::of).toList());
    }

    static SubtaskState of(Subtask s) {
        SubtaskState.Builder b = new SubtaskState.Builder().stored(s.status);
        b.id = s.id;
        b.position = s.position;
        b.key = s.planKey;
        b.milestone = s.milestone;
        b.role = s.role;
        b.title = s.title;
        b.instructions = s.instructions;
        b.criteria = s.acceptanceCriteria == null || s.acceptanceCriteria.isBlank() ? List.of()
                : List.of(s.acceptanceCriteria.split("\n"));
        b.dependsOn = s.dependencies();
        b.inputs = Json.read(s.inputs);
        b.artifacts = Json.read(s.artifacts);
        b.attempt = s.attempt;
        b.provider = s.provider;
        b.model = s.model;
        b.leaseExpiresAt = s.leaseExpiresAt;
        b.dueAt = s.dueAt;
        b.lastError = s.lastError;
        b.summary = s.summary;
        b.spent = spent(s.spend);
        b.lastHeartbeatAt = s.lastHeartbeatAt;
        b.lastStep = s.lastStep;
        b.updatedAt = s.updatedAt;
        return b.build();
    }

    /** Writes what the core decides about a mission onto its row; its identity and origin never change. */
    static void copy(MissionState state, Mission mission) {
        mission.status = state.status();
        mission.updatedAt = state.updatedAt();
        Limits limits = new Limits();
        limits.maxTokens = state.limits().maxTokens();
        limits.maxCostUsd = state.limits().maxCostUsd();
        limits.maxWallClockSeconds = state.limits().maxWallClockSeconds();
        mission.limits = limits;
        mission.spend = spend(state.spent());
        mission.reworkRounds = state.reworkRounds();
        mission.replans = state.replans();
        mission.replanReason = state.replanReason();
        mission.blockedReason = state.blockedReason();
        mission.handoffApproved = state.handoffApproved();
        mission.planNote = state.planNote();
        mission.result = Json.write(state.result());
    }

    static void copy(SubtaskState state, Subtask subtask) {
        subtask.id = state.id();
        subtask.position = state.position();
        subtask.planKey = state.key();
        subtask.milestone = state.milestone();
        subtask.role = state.role();
        subtask.title = state.title();
        subtask.instructions = state.instructions();
        subtask.acceptanceCriteria = String.join("\n", state.criteria());
        subtask.dependsOn = String.join(",", state.dependsOn());
        subtask.inputs = Json.write(state.inputs());
        subtask.artifacts = Json.write(state.artifacts());
        subtask.status = state.status();
        subtask.attempt = state.attempt();
        subtask.provider = state.provider();
        subtask.model = state.model();
        subtask.leaseExpiresAt = state.leaseExpiresAt();
        subtask.dueAt = state.dueAt();
        subtask.lastError = state.lastError();
        subtask.summary = state.summary();
        subtask.spend = spend(state.spent());
        subtask.lastHeartbeatAt = state.lastHeartbeatAt();
        subtask.lastStep = state.lastStep();
        subtask.updatedAt = state.updatedAt();
    }

    static Spent spent(Spend spend) {
        return spend == null ? Spent.NOTHING
                : new Spent(spend.inputTokens, spend.outputTokens, spend.cachedTokens, spend.costUsd, spend.steps);
    }

    private static Spend spend(Spent spent) {
        Spend spend = new Spend();
        spend.inputTokens = spent.inputTokens();
        spend.outputTokens = spent.outputTokens();
        spend.cachedTokens = spent.cachedTokens();
        spend.costUsd = spent.costUsd();
        spend.steps = spent.steps();
        return spend;
    }
}
