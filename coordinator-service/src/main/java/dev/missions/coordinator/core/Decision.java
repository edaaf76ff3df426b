package dev.missions.coordinator.core;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the core decided: the mission's next state and the effects, in order. {@code refusal} says why a command does not
 * apply now; {@code ignored} why an input changed nothing (a stale result, say). Either way nothing changed then.
 */
public record Decision(MissionState before, MissionState next, List<Effect> effects, String refusal, String ignored) {

    public Decision {
        effects = List.copyOf(effects);
    }

    static Decision unchanged(MissionState state, String refusal, String ignored) {
        return new Decision(state, state, List.of(), refusal, ignored);
    }

    public boolean refused() {
        return refusal != null;
    }

    public boolean changed() {
        return !effects.isEmpty() || !next.equals(before);
    }

    public boolean missionChanged() {
        return !withoutSubtasks(next).equals(withoutSubtasks(before));
    }

    /** The subtasks this decision changed, then the ones it added; the rest of the mission is as it was. */
    public List<SubtaskState> changedSubtasks() {
        Map<UUID, SubtaskState> old = before.subtasks().stream().collect(Collectors.toMap(SubtaskState::id, Function.identity()));
        return next.subtasks().stream().filter(s -> old.containsKey(s.id()) && !old.get(s.id()).equals(s)).toList();
    }

    public List<SubtaskState> addedSubtasks() {
        Map<UUID, SubtaskState> old = before.subtasks().stream().collect(Collectors.toMap(SubtaskState::id, Function.identity()));
        return next.subtasks().stream().filter(s -> !old.containsKey(s.id())).toList();
    }

    private static MissionState withoutSubtasks(MissionState state) {
        return new MissionState(state.id(), state.status(), state.source(), state.createdAt(), state.updatedAt(), state.limits(),
                state.spent(), state.reworkRounds(), state.replans(), state.replanReason(), state.blockedReason(),
                state.handoffApproved(), state.planNote(), state.missionBranch(), state.result(), List.of());
    }
}
