package dev.missions.coordinator.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.mission.Subtask;
import dev.missions.events.Budget;
import dev.missions.events.Role;
import dev.missions.events.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BudgetsTest {

    static Budgets budgets(Map<String, BudgetConfig.RoleLimit> roles) {
        Budgets budgets = new Budgets();
        budgets.config = new BudgetConfig() {
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
                return Map.of();
            }
        };
        return budgets;
    }

    static BudgetConfig.RoleLimit tokens(long max) {
        return new BudgetConfig.RoleLimit() {
            @Override
            public OptionalLong maxTokens() {
                return OptionalLong.of(max);
            }

            @Override
            public OptionalDouble maxCostUsd() {
                return OptionalDouble.empty();
            }
        };
    }

    static Subtask subtask(Role role) {
        Subtask subtask = new Subtask();
        subtask.role = role;
        return subtask;
    }

    @Test
    void aRoleThatSpendsMoreThanItsShareIsNamed() {
        Budgets budgets = budgets(Map.of("review", tokens(100)));
        Mission mission = new Mission();
        mission.createdAt = Instant.now();
        Subtask review = subtask(Role.REVIEW);
        Subtask code = subtask(Role.CODE);
        budgets.record(mission, code, Usage.newBuilder().setInputTokens(500).build());
        assertNull(budgets.exceeded(mission, List.of(review, code), new Limits(), Instant.now()));

        budgets.record(mission, review, Usage.newBuilder().setInputTokens(90).setOutputTokens(20).build());

        assertEquals("review role token budget exceeded: 110 used of 100",
                budgets.exceeded(mission, List.of(review, code), new Limits(), Instant.now()));
    }

    @Test
    void defaultsApplyAndARequestOverridesOnlyWhatItSets() {
        Limits limits = budgets(Map.of()).initial(Budget.newBuilder().setMaxTokens(1000L).build());
        assertEquals(1000L, limits.maxTokens);
        assertEquals(5.0, limits.maxCostUsd);
        assertEquals(3600L, limits.maxWallClockSeconds);
    }

    @Test
    void theWallClockRunsOutOnItsOwn() {
        Budgets budgets = budgets(Map.of());
        Mission mission = new Mission();
        mission.createdAt = Instant.parse("2026-11-24T10:00:00Z");
        Limits limits = budgets.initial(null);

        assertNull(budgets.exceeded(mission, List.of(), limits, Instant.parse("2026-11-24T10:59:59Z")));
        assertEquals("wall-clock budget exceeded: running 3601 s of 3600 s",
                budgets.exceeded(mission, List.of(), limits, Instant.parse("2026-11-24T11:00:01Z")));
    }
}
