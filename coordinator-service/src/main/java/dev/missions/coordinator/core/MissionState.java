package dev.missions.coordinator.core;

import dev.missions.events.MissionStatus;
import dev.missions.events.Source;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the decision core knows of a mission: everything a decision reads or changes, nothing it does not (the goal,
 * the repository and the origin stay with the store). Immutable; a decision returns the next one.
 */
public record MissionState(UUID id, MissionStatus status, Source source, Instant createdAt, Instant updatedAt,
        BudgetLimits limits, Spent spent, int reworkRounds, int replans, String replanReason, String blockedReason,
        boolean handoffApproved, String planNote, String missionBranch, Map<String, String> result,
        List<SubtaskState> subtasks) {

    public MissionState {
        limits = limits == null ? BudgetLimits.NONE : limits;
        spent = spent == null ? Spent.NOTHING : spent;
        result = OrderedMaps.copy(result);
        subtasks = List.copyOf(subtasks);
    }

    public boolean isFinished() {
        return Transitions.isFinal(status);
    }

    public Optional<SubtaskState> subtask(UUID subtaskId) {
        return subtasks.stream().filter(s -> s.id().equals(subtaskId)).findFirst();
    }

    /** The subtasks of the current plan: everything a re-plan has not dropped. */
    public List<SubtaskState> live() {
        return subtasks.stream().filter(s -> s.status() != SubtaskStatus.REPLACED).toList();
    }
}
