package dev.missions.coordinator.api;

import dev.missions.coordinator.core.BudgetLimits;
import dev.missions.coordinator.core.MissionState;
import dev.missions.coordinator.core.Spent;
import dev.missions.coordinator.core.SubtaskState;
import dev.missions.coordinator.core.SubtaskStatus;
import dev.missions.coordinator.engine.Charter;
import dev.missions.coordinator.engine.MissionRecord;
import dev.missions.coordinator.timeline.TimelineEvent;
import dev.missions.events.MissionKind;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.events.Source;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A mission as the API shows it. */
public record MissionView(UUID id, String goal, String title, String repository, String baseBranch, String missionBranch,
        MissionKind kind, MissionStatus status, Source source, String planSource, String planNote, int reworkRounds, int replans,
        String blockedReason, Map<String, String> result, BudgetLimits budget, Spent usage, Map<Role, Spent> usageByRole,
        Instant createdAt, Instant updatedAt,
        List<SubtaskView> subtasks, List<TimelineEvent> timeline) {

    public record SubtaskView(UUID id, int position, String key, String milestone, Role role, String title,
            List<String> dependsOn, SubtaskStatus status, int attempt, String provider, String model, String summary,
            Map<String, String> artifacts, String lastError, Instant leaseExpiresAt, Instant retryAt, Instant lastHeartbeatAt,
            Integer lastStep) {

        public static SubtaskView of(SubtaskState subtask) {
            return new SubtaskView(subtask.id(), subtask.position(), subtask.key(), subtask.milestone(), subtask.role(),
                    subtask.title(), subtask.dependsOn(), subtask.status(), subtask.attempt(), subtask.provider(),
                    subtask.model(), subtask.summary(), subtask.artifacts(), subtask.lastError(), subtask.leaseExpiresAt(),
                    subtask.dueAt(), subtask.lastHeartbeatAt(), subtask.lastStep());
        }
    }

    private static Map<Role, Spent> byRole(List<SubtaskState> subtasks) {
        Map<Role, Spent> byRole = new EnumMap<>(Role.class);
        for (SubtaskState subtask : subtasks) {
            byRole.merge(subtask.role(), subtask.spent(), Spent::plus);
        }
        return byRole;
    }

    static MissionView of(MissionRecord record, List<TimelineEvent> timeline) {
        Charter charter = record.charter();
        MissionState state = record.state();
        return new MissionView(charter.id(), charter.goal(), charter.title(), charter.repository(), charter.baseBranch(),
                charter.missionBranch(), charter.kind(), state.status(), charter.source(), charter.planSource(),
                state.planNote(), state.reworkRounds(), state.replans(), state.blockedReason(),
                state.result().isEmpty() ? null : state.result(), state.limits(), state.spent(), byRole(state.subtasks()),
                state.createdAt(), state.updatedAt(), state.subtasks().stream().map(SubtaskView::of).toList(), timeline);
    }
}
