package dev.missions.coordinator.core;

import dev.missions.events.Role;
import dev.missions.events.Source;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The configuration a decision depends on: leases, retries, rounds, re-plans, approvals, per-role budgets and the model
 * each role is cast on.
 */
public record Rules(Duration lease, Duration pickupTimeout, int maxAttempts, Duration retryDelay, Duration maxRetryDelay,
        int maxReworkRounds, int maxReplans, boolean canReplan, Set<Source> handoffFor, Map<Role, RoleLimit> roleLimits,
        Function<Role, Cast> casting) {

    /** What one role may spend in a mission; null is no limit. */
    public record RoleLimit(Long maxTokens, Double maxCostUsd) {
    }

    /** The provider and model a role runs on. */
    public record Cast(String provider, String model) {
    }
}
