package dev.missions.coordinator.engine;

import dev.missions.coordinator.budget.BudgetConfig;
import dev.missions.coordinator.casting.CastingConfig;
import dev.missions.coordinator.core.Decider;
import dev.missions.coordinator.core.Rules;
import dev.missions.coordinator.planning.Planner;
import dev.missions.events.Casting;
import dev.missions.events.Role;
import dev.missions.events.Source;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The decision core with the deployment's rules: engine settings, per-role budgets, castings and approvals. */
@ApplicationScoped
public class DeciderProducer {

    @Produces
    @ApplicationScoped
    Decider decider(EngineConfig engine, BudgetConfig budgets, CastingConfig casting, Planner planner,
            // sources whose finished work waits for a person before the mission succeeds
            @ConfigProperty(name = "missions.approval.handoff-for") Optional<List<Source>> handoffFor) {
        Map<Role, Rules.RoleLimit> roleLimits = new EnumMap<>(Role.class);
        budgets.roles().forEach((role, limit) -> roleLimits.put(Role.valueOf(role.toUpperCase(Locale.ROOT)), new Rules.RoleLimit(
                limit.maxTokens().isPresent() ? limit.maxTokens().getAsLong() : null,
                limit.maxCostUsd().isPresent() ? limit.maxCostUsd().getAsDouble() : null)));
        return new Decider(new Rules(engine.lease(), engine.pickupTimeout(), engine.maxAttempts(), engine.retryDelay(),
                engine.maxRetryDelay(), engine.maxReworkRounds(), engine.maxReplans(), planner.canReplan(),
                Set.copyOf(handoffFor.orElse(List.of())), roleLimits, role -> {
                    Casting cast = casting.castFor(role);
                    return new Rules.Cast(cast.getProvider(), cast.getModel());
                }));
    }
}
