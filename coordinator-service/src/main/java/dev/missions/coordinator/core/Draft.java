package dev.missions.coordinator.core;

import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The working copy one decision changes: the mission's fields, its subtasks and the effects so far. Every status move
 * goes through {@link Transitions}. Lives for one decision only.
 */
final class Draft {

    final MissionState before;
    final Rules rules;
    final Moment moment;
    MissionStatus status;
    Instant updatedAt;
    BudgetLimits limits;
    Spent spent;
    int reworkRounds;
    int replans;
    String replanReason;
    String blockedReason;
    boolean handoffApproved;
    String planNote;
    Map<String, String> result;
    final List<SubtaskState.Builder> subtasks = new ArrayList<>();
    final List<Effect> effects = new ArrayList<>();

    Draft(MissionState state, Rules rules, Moment moment) {
        this.before = state;
        this.rules = rules;
        this.moment = moment;
        status = state.status();
        updatedAt = state.updatedAt();
        limits = state.limits();
        spent = state.spent();
        reworkRounds = state.reworkRounds();
        replans = state.replans();
        replanReason = state.replanReason();
        blockedReason = state.blockedReason();
        handoffApproved = state.handoffApproved();
        planNote = state.planNote();
        result = state.result();
        state.subtasks().forEach(s -> subtasks.add(s.toBuilder()));
    }

    Instant now() {
        return moment.now();
    }

    boolean finished() {
        return Transitions.isFinal(status);
    }

    void move(MissionStatus next) {
        status = Transitions.check(status, next);
        updatedAt = now();
    }

    void move(SubtaskState.Builder subtask, SubtaskStatus next) {
        subtask.status = Transitions.check(subtask.status, next);
        subtask.updatedAt = now();
    }

    /** The subtasks of the current plan, in plan order. */
    List<SubtaskState.Builder> live() {
        return subtasks.stream().filter(s -> s.status != SubtaskStatus.REPLACED).toList();
    }

    Optional<SubtaskState.Builder> subtask(UUID id) {
        return subtasks.stream().filter(s -> s.id.equals(id)).findFirst();
    }

    void announce(MissionEventType type, String message) {
        announce(type, null, message, Map.of());
    }

    void announce(MissionEventType type, SubtaskState.Builder subtask, String message, Map<String, String> attributes) {
        effects.add(new Effect.Announce(type, status, subtask == null ? null : subtask.id, subtask == null ? null : subtask.role,
                subtask == null ? null : subtask.attempt, message, OrderedMaps.copy(attributes)));
    }

    void block(String reason) {
        move(MissionStatus.BLOCKED);
        blockedReason = reason;
        announce(MissionEventType.BLOCKED, reason);
    }

    Decision decision() {
        MissionState next = new MissionState(before.id(), status, before.source(), before.createdAt(), updatedAt, limits, spent,
                reworkRounds, replans, replanReason, blockedReason, handoffApproved, planNote, before.missionBranch(), result,
                subtasks.stream().map(SubtaskState.Builder::build).toList());
        return new Decision(before, next, effects, null, null);
    }
}
