package dev.missions.coordinator.budget;

import dev.missions.coordinator.core.BudgetLimits;
import dev.missions.coordinator.core.Spent;
import dev.missions.events.Budget;
import dev.missions.events.Usage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A mission's starting budget and the price of what droids spend; whether a mission crossed its budget is the decision
 * core's to say.
 */
@ApplicationScoped
public class Budgets {

    final BudgetConfig config;

    public Budgets(BudgetConfig config) {
        this.config = config;
    }

    /** The mission's starting budget: what the request asked for, else the configured defaults. */
    public BudgetLimits initial(Budget requested) {
        return new BudgetLimits(
                requested != null && requested.getMaxTokens() != null ? requested.getMaxTokens()
                        : config.defaults().maxTokens().isPresent() ? config.defaults().maxTokens().getAsLong() : null,
                requested != null && requested.getMaxCostUsd() != null ? requested.getMaxCostUsd()
                        : config.defaults().maxCostUsd().isPresent() ? config.defaults().maxCostUsd().getAsDouble() : null,
                requested != null && requested.getMaxWallClockSeconds() != null ? requested.getMaxWallClockSeconds()
                        : config.defaults().maxWallClockSeconds().isPresent()
                                ? config.defaults().maxWallClockSeconds().getAsLong() : null);
    }

    /** A result's usage, priced from the table when the droid sent no cost. */
    public Spent price(String provider, String model, Usage usage) {
        if (usage == null) {
            return Spent.NOTHING;
        }
        double cost = usage.getCostUsd() > 0 ? usage.getCostUsd() : config.priceOf(provider, model)
                .map(p -> ((usage.getInputTokens() - usage.getCachedTokens()) * p.inputPerMillion()
                        + usage.getCachedTokens() * p.cachedInputPerMillion() + usage.getOutputTokens() * p.outputPerMillion()) / 1e6)
                .orElse(0.0);
        return new Spent(usage.getInputTokens(), usage.getOutputTokens(), usage.getCachedTokens(), cost, usage.getSteps());
    }
}
