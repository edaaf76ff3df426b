package dev.missions.coordinator.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.missions.coordinator.core.BudgetLimits;
import dev.missions.coordinator.core.Spent;
import dev.missions.events.Budget;
import dev.missions.events.Usage;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BudgetsTest {

    static Budgets budgets(Map<String, BudgetConfig.RoleLimit> roles) {
        return new Budgets(new BudgetConfig() {
            @Override
            public Defaults defaults() {
                return new Defaults() {
                    @Override
                    public OptionalLong maxTokens() {
                        return OptionalLong.empty();
                    }

                    @Override
                    public OptionalDouble maxCostUsd() {
                        return OptionalDouble.of(5.0);
                    }

                    @Override
                    public OptionalLong maxWallClockSeconds() {
                        return OptionalLong.of(3600);
                    }
                };
            }

            @Override
            public Map<String, RoleLimit> roles() {
                return roles;
            }

            @Override
            public Map<String, Price> prices() {
                return Map.of("openai/gpt-test", new Price() {
                    @Override
                    public double inputPerMillion() {
                        return 2.0;
                    }

                    @Override
                    public double outputPerMillion() {
                        return 8.0;
                    }

                    @Override
                    public double cachedInputPerMillion() {
                        return 0.5;
                    }
                });
            }
        });
    }

    @Test
    void defaultsApplyAndARequestOverridesOnlyWhatItSets() {
        BudgetLimits limits = budgets(Map.of()).initial(Budget.newBuilder().setMaxTokens(1000L).build());
        assertEquals(1000L, limits.maxTokens());
        assertEquals(5.0, limits.maxCostUsd());
        assertEquals(3600L, limits.maxWallClockSeconds());
    }

    @Test
    void usageWithoutACostIsPricedFromTheTableAndACostSentIsKept() {
        Budgets budgets = budgets(Map.of());
        Usage usage = Usage.newBuilder().setInputTokens(1_000_000).setCachedTokens(400_000).setOutputTokens(100_000).setSteps(3).build();

        Spent priced = budgets.price("openai", "gpt-test", usage);
        assertEquals(0.6 * 2.0 + 0.4 * 0.5 + 0.1 * 8.0, priced.costUsd(), 1e-9);
        assertEquals(1_100_000, priced.tokens());
        assertEquals(3, priced.steps());
        assertEquals(0.0, budgets.price("openai", "unpriced", usage).costUsd());
        assertEquals(0.25, budgets.price("openai", "gpt-test", Usage.newBuilder(usage).setCostUsd(0.25).build()).costUsd());
    }
}
