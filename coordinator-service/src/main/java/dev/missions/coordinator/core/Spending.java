package dev.missions.coordinator.core;

import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Budgets: a running mission that crosses one (tokens, cost, wall clock, or a role's share) is paused at once. */
final class Spending {

    private Spending() {
    }

    /** Which budget the mission has crossed under {@code limits}, or null. */
    static String exceeded(Draft d, BudgetLimits limits) {
        Spent spent = d.spent;
        if (limits.maxTokens() != null && spent.tokens() > limits.maxTokens()) {
            return "token budget exceeded: " + spent.tokens() + " used of " + limits.maxTokens();
        }
        if (limits.maxCostUsd() != null && spent.costUsd() > limits.maxCostUsd()) {
            return String.format(Locale.ROOT, "cost budget exceeded: $%.4f spent of $%.4f", spent.costUsd(), limits.maxCostUsd());
        }
        if (wallClockOver(d, limits)) {
            return "wall-clock budget exceeded: running " + Duration.between(d.before.createdAt(), d.now()).toSeconds() + " s of "
                    + limits.maxWallClockSeconds() + " s";
        }
        for (Map.Entry<Role, Rules.RoleLimit> entry : d.rules.roleLimits().entrySet()) {
            Role role = entry.getKey();
            String name = role.name().toLowerCase(Locale.ROOT);
            long tokens = d.subtasks.stream().filter(s -> s.role == role).mapToLong(s -> s.spent.tokens()).sum();
            double cost = d.subtasks.stream().filter(s -> s.role == role).mapToDouble(s -> s.spent.costUsd()).sum();
            Rules.RoleLimit limit = entry.getValue();
            if (limit.maxTokens() != null && tokens > limit.maxTokens()) {
                return name + " role token budget exceeded: " + tokens + " used of " + limit.maxTokens();
            }
            if (limit.maxCostUsd() != null && cost > limit.maxCostUsd()) {
                return String.format(Locale.ROOT, "%s role cost budget exceeded: $%.4f of $%.4f", name, cost, limit.maxCostUsd());
            }
        }
        return null;
    }

    static boolean wallClockOver(Draft d, BudgetLimits limits) {
        return limits.maxWallClockSeconds() != null && d.before.createdAt().plusSeconds(limits.maxWallClockSeconds()).isBefore(d.now());
    }

    /** Pauses a running mission that crossed its budget. */
    static void enforce(Draft d) {
        String reason = d.status == MissionStatus.RUNNING ? exceeded(d, d.limits) : null;
        if (reason != null) {
            d.move(MissionStatus.PAUSED);
            d.announce(MissionEventType.BUDGET_EXCEEDED, reason + "; resume with a raised budget to go on");
        }
    }

    /** Adds what an attempt spent to its subtask and its mission. */
    static void record(Draft d, SubtaskState.Builder subtask, Spent usage) {
        if (usage != null) {
            subtask.spent = subtask.spent.plus(usage);
            d.spent = d.spent.plus(usage);
        }
    }
}
