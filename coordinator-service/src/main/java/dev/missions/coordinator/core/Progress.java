package dev.missions.coordinator.core;

import dev.missions.coordinator.planning.Plan;
import dev.missions.coordinator.planning.PlanValidator;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.schemas.Artifacts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Moves a mission along its DAG: every subtask whose dependencies have all succeeded is dispatched at once, so
 * independent subtasks run in parallel; when all have succeeded the mission has (or waits for its hand-off approval).
 */
final class Progress {

    private Progress() {
    }

    /** Adds the plan's subtasks, announces the plan and dispatches what can start. */
    static void start(Draft d, Plan plan, String planSource) {
        int position = 0;
        for (Plan.Milestone milestone : plan.milestones()) {
            for (Plan.Step step : milestone.subtasks()) {
                d.subtasks.add(newSubtask(d, position++, step, milestone.title()));
            }
        }
        d.announce(MissionEventType.PLANNED, d.subtasks.size() + " subtasks in " + plan.milestones().size() + " milestones ("
                + d.subtasks.stream().map(s -> s.key).collect(Collectors.joining(", ")) + ") from the "
                + planSource.toLowerCase(Locale.ROOT));
        advance(d);
    }

    /**
     * Dispatches every ready subtask, or completes the mission when nothing is left. Nothing starts while the mission is
     * over its budget, however it came to run again (approved, retried, re-planned).
     */
    static void advance(Draft d) {
        Spending.enforce(d);
        if (d.status != MissionStatus.RUNNING) {
            return;
        }
        List<SubtaskState.Builder> live = d.live();
        if (live.stream().allMatch(s -> s.status == SubtaskStatus.SUCCEEDED)) {
            if (d.rules.handoffFor().contains(d.before.source()) && !d.handoffApproved) {
                d.move(MissionStatus.AWAITING_APPROVAL);
                d.announce(MissionEventType.AWAITING_APPROVAL, "all subtasks done; the hand-off waits for approval");
                return;
            }
            succeed(d, live);
            return;
        }
        Set<String> done = live.stream().filter(s -> s.status == SubtaskStatus.SUCCEEDED).map(s -> s.key).collect(Collectors.toSet());
        for (SubtaskState.Builder subtask : live) {
            if (subtask.status == SubtaskStatus.PENDING && done.containsAll(subtask.dependsOn)) {
                dispatch(d, subtask);
            }
        }
    }

    /** Casts an attempt; the lease proper starts with the droid's first heartbeat, until then the task may be queued. */
    static void dispatch(Draft d, SubtaskState.Builder subtask) {
        d.move(subtask, SubtaskStatus.DISPATCHED);
        subtask.dueAt = null;
        subtask.leaseExpiresAt = d.now().plus(d.rules.pickupTimeout());
        BudgetLimits limits = d.limits;
        boolean limited = limits.maxTokens() != null || limits.maxCostUsd() != null;
        d.effects.add(new Effect.Dispatch(subtask.id, subtask.attempt, d.status, inputsFor(d, subtask),
                limited && limits.maxTokens() != null ? Math.max(0, limits.maxTokens() - d.spent.tokens()) : null,
                limited && limits.maxCostUsd() != null ? Math.max(0, limits.maxCostUsd() - d.spent.costUsd()) : null,
                subtask.title + ": " + subtask.role.name().toLowerCase(Locale.ROOT) + " droid cast on " + subtask.provider + "/"
                        + subtask.model + ", attempt " + subtask.attempt));
    }

    /** What a subtask is handed: the artifacts of the subtasks it waited for, then what its own row carries. */
    static Map<String, String> inputsFor(Draft d, SubtaskState.Builder subtask) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (SubtaskState.Builder other : d.live()) {
            if (subtask.dependsOn.contains(other.key)) {
                inputs.putAll(other.artifacts);
            }
        }
        inputs.putAll(subtask.inputs);
        return inputs;
    }

    private static void succeed(Draft d, List<SubtaskState.Builder> live) {
        d.move(MissionStatus.SUCCEEDED);
        Map<String, String> result = new LinkedHashMap<>();
        result.put("missionBranch", d.before.missionBranch());
        for (SubtaskState.Builder subtask : live) {
            for (String key : List.of(Artifacts.VERDICT, Artifacts.TESTS, Artifacts.COMMITS, Artifacts.FILES_CHANGED)) {
                if (subtask.artifacts.containsKey(key)) {
                    result.put(key, subtask.artifacts.get(key));
                }
            }
        }
        result.put("tokens", Long.toString(d.spent.tokens()));
        result.put("costUsd", String.format(Locale.ROOT, "%.6f", d.spent.costUsd()));
        d.result = result;
        d.announce(MissionEventType.SUCCEEDED, null, "mission succeeded on branch " + d.before.missionBranch(), result);
    }

    static SubtaskState.Builder newSubtask(Draft d, int position, Plan.Step step, String milestone) {
        Role role = PlanValidator.role(step.role());
        Rules.Cast cast = d.rules.casting().apply(role);
        SubtaskState.Builder subtask = new SubtaskState.Builder();
        subtask.id = d.moment.ids().get();
        subtask.position = position;
        subtask.key = step.key();
        subtask.milestone = milestone;
        subtask.role = role;
        subtask.title = step.title() == null || step.title().isBlank() ? step.key() : step.title();
        subtask.instructions = step.instructions();
        subtask.criteria = step.acceptanceCriteria() == null ? List.of() : List.copyOf(step.acceptanceCriteria());
        subtask.dependsOn = step.dependsOn() == null ? List.of() : List.copyOf(step.dependsOn());
        subtask.provider = cast.provider();
        subtask.model = cast.model();
        subtask.updatedAt = d.now();
        return subtask;
    }

    /** The next free position after every subtask, replaced ones included. */
    static int nextPosition(Draft d) {
        return d.subtasks.stream().mapToInt(s -> s.position).max().orElse(0) + 1;
    }
}
