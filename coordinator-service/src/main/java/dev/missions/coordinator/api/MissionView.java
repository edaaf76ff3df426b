package dev.missions.coordinator.api;

import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.mission.Subtask;
import dev.missions.coordinator.mission.Json;

import dev.missions.coordinator.core.SubtaskStatus;
import dev.missions.coordinator.budget.Limits;
import dev.missions.coordinator.budget.Spend;
import dev.missions.coordinator.timeline.TimelineEvent;
import dev.missions.events.MissionKind;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.events.Source;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A mission as the API shows it. */
public record MissionView(UUID id, String goal, String title, String repository, String baseBranch, String missionBranch,
        MissionKind kind, MissionStatus status, Source source, String planSource, String planNote, int reworkRounds, int replans,
        String blockedReason, Map<String, String> result, Limits budget, Spend usage, Map<Role, Spend> usageByRole,
        Instant createdAt, Instant updatedAt,
        List<SubtaskView> subtasks, List<TimelineEvent> timeline) {

    public record SubtaskView(UUID id, int position, String key, String milestone, Role role, String title,
            List<String> dependsOn, SubtaskStatus status, int attempt, String provider, String model, String summary,
            Map<String, String> artifacts, String lastError, Instant leaseExpiresAt, Instant retryAt, Instant lastHeartbeatAt,
            Integer lastStep) {

        public static SubtaskView of(Subtask subtask) {
            return new SubtaskView(subtask.id, subtask.position, subtask.planKey, subtask.milestone, subtask.role,
                    subtask.title, subtask.dependencies(), subtask.status, subtask.attempt, subtask.provider, subtask.model,
                    subtask.summary, Json.read(subtask.artifacts), subtask.lastError, subtask.leaseExpiresAt, subtask.dueAt,
                    subtask.lastHeartbeatAt, subtask.lastStep);
        }
    }

    private static Map<Role, Spend> byRole(List<Subtask> subtasks) {
        Map<Role, Spend> byRole = new java.util.EnumMap<>(Role.class);
        for (Subtask subtask : subtasks) {
            byRole.computeIfAbsent(subtask.role, role -> new Spend()).add(subtask.spend.inputTokens, subtask.spend.outputTokens,
                    subtask.spend.cachedTokens, subtask.spend.costUsd, subtask.spend.steps);
        }
        return byRole;
    }

    static MissionView of(Mission mission, List<Subtask> subtasks, List<TimelineEvent> timeline) {
        return new MissionView(mission.id, mission.goal, mission.title, mission.repository, mission.baseBranch,
                mission.missionBranch, mission.kind, mission.status, mission.source, mission.planSource, mission.planNote,
                mission.reworkRounds, mission.replans, mission.blockedReason, mission.result == null ? null : Json.read(mission.result),
                mission.limits(), mission.spend, byRole(subtasks),
                mission.createdAt, mission.updatedAt,
                subtasks.stream().map(SubtaskView::of).toList(), timeline);
    }
}
