package dev.missions.coordinator.budget;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Default budgets, per-role budgets and the price table. */
@ConfigMapping(prefix = "missions.budget")
public interface BudgetConfig {

    /** Applied to missions that bring no budget of their own. */
    Defaults defaults();

    /** {@code missions.budget.roles.<role>.max-tokens|max-cost-usd}: limits on what one role may spend in a mission. */
    Map<String, RoleLimit> roles();

    /** {@code missions.budget.prices."<provider>/<model>".*}: USD per million tokens, for results that carry no cost. */
    Map<String, Price> prices();

    interface Defaults {
        OptionalLong maxTokens();

        OptionalDouble maxCostUsd();

        OptionalLong maxWallClockSeconds();
    }

    interface RoleLimit {
        OptionalLong maxTokens();

        OptionalDouble maxCostUsd();
    }

    interface Price {
        double inputPerMillion();

        double outputPerMillion();

        @WithDefault("0")
        double cachedInputPerMillion();
    }

    default Optional<Price> priceOf(String provider, String model) {
        return Optional.ofNullable(prices().get(provider + "/" + model));
    }
}
