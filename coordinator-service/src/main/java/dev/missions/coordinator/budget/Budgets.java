package dev.missions.coordinator.budget;

import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.mission.MissionEvents;
import dev.missions.coordinator.mission.Subtask;
import dev.missions.events.Budget;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.events.Usage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Adds up what droids spend and pauses a mission that crosses its budget (tokens, cost, wall clock,
 * or a role's share). Resuming with a raised budget continues it.
 */
@ApplicationScoped
public class Budgets {

    @Inject
    BudgetConfig config;

    @Inject
    MissionEvents events;

    /** The mission's starting budget: what the request asked for, else the configured defaults. */
    public Limits initial(Budget requested) {
        Limits limits = new Limits();
        limits.maxTokens = config.defaults().maxTokens().isPresent() ? config.defaults().maxTokens().getAsLong() : null;
        limits.maxCostUsd = config.defaults().maxCostUsd().isPresent() ? config.defaults().maxCostUsd().getAsDouble() : null;
        limits.maxWallClockSeconds = config.defaults().maxWallClockSeconds().isPresent()
                ? config.defaults().maxWallClockSeconds().getAsLong() : null;
        return raised(limits, requested);
    }

    /** {@code limits} with every limit {@code budget} sets replaced. */
    public static Limits raised(Limits limits, Budget budget) {
        Limits next = new Limits();
        next.maxTokens = budget != null && budget.getMaxTokens() != null ? budget.getMaxTokens() : limits.maxTokens;
        next.maxCostUsd = budget != null && budget.getMaxCostUsd() != null ? budget.getMaxCostUsd() : limits.maxCostUsd;
        next.maxWallClockSeconds = budget != null && budget.getMaxWallClockSeconds() != null
                ? budget.getMaxWallClockSeconds() : limits.maxWallClockSeconds;
        return next;
    }

    /** Adds a result's usage to its subtask and mission, priced from the table when the droid sent no cost. */
    public void record(Mission mission, Subtask subtask, Usage usage) {
        if (usage == null) {
            return;
        }
        double cost = usage.getCostUsd() > 0 ? usage.getCostUsd() : config.priceOf(subtask.provider, subtask.model)
                .map(p -> ((usage.getInputTokens() - usage.getCachedTokens()) * p.inputPerMillion()
                        + usage.getCachedTokens() * p.cachedInputPerMillion() + usage.getOutputTokens() * p.outputPerMillion()) / 1e6)
                .orElse(0.0);
        subtask.spend.add(usage.getInputTokens(), usage.getOutputTokens(), usage.getCachedTokens(), cost, usage.getSteps());
        mission.spend.add(usage.getInputTokens(), usage.getOutputTokens(), usage.getCachedTokens(), cost, usage.getSteps());
    }

    /** Which budget the mission has crossed under {@code limits}, or null. */
    public String exceeded(Mission mission, List<Subtask> all, Limits limits, Instant now) {
        if (limits.maxTokens != null && mission.spend.tokens() > limits.maxTokens) {
            return "token budget exceeded: " + mission.spend.tokens() + " used of " + limits.maxTokens;
        }
        if (limits.maxCostUsd != null && mission.spend.costUsd > limits.maxCostUsd) {
            return String.format("cost budget exceeded: $%.4f spent of $%.4f", mission.spend.costUsd, limits.maxCostUsd);
        }
        if (limits.maxWallClockSeconds != null && mission.createdAt.plusSeconds(limits.maxWallClockSeconds).isBefore(now)) {
            return "wall-clock budget exceeded: running " + Duration.between(mission.createdAt, now).toSeconds() + " s of "
                    + limits.maxWallClockSeconds + " s";
        }
        for (Map.Entry<String, BudgetConfig.RoleLimit> entry : config.roles().entrySet()) {
            Role role = Role.valueOf(entry.getKey().toUpperCase());
            long tokens = all.stream().filter(s -> s.role == role).mapToLong(s -> s.spend.tokens()).sum();
            double cost = all.stream().filter(s -> s.role == role).mapToDouble(s -> s.spend.costUsd).sum();
            if (entry.getValue().maxTokens().isPresent() && tokens > entry.getValue().maxTokens().getAsLong()) {
                return entry.getKey() + " role token budget exceeded: " + tokens + " used of " + entry.getValue().maxTokens().getAsLong();
            }
            if (entry.getValue().maxCostUsd().isPresent() && cost > entry.getValue().maxCostUsd().getAsDouble()) {
                return String.format("%s role cost budget exceeded: $%.4f of $%.4f", entry.getKey(), cost,
                        entry.getValue().maxCostUsd().getAsDouble());
            }
        }
        return null;
    }

    /** Pauses a running mission that crossed a budget; true when it did. */
    public Uni<Boolean> enforce(Mission mission, List<Subtask> all, String causation) {
        String reason = mission.status == MissionStatus.RUNNING ? exceeded(mission, all, mission.limits(), Instant.now()) : null;
        if (reason == null) {
            return Uni.createFrom().item(false);
        }
        mission.moveTo(MissionStatus.PAUSED);
        return events.announce(mission, MissionEventType.BUDGET_EXCEEDED, reason + "; resume with a raised budget to go on", causation)
                .replaceWith(true);
    }
}
