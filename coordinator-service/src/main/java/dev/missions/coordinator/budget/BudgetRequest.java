package dev.missions.coordinator.budget;

import dev.missions.events.Budget;
import jakarta.validation.constraints.Positive;

/** A budget as the API takes it; absent limits stay as they are. */
public record BudgetRequest(@Positive(message = "budget.maxTokens must be positive") Long maxTokens,
        @Positive(message = "budget.maxCostUsd must be positive") Double maxCostUsd,
        @Positive(message = "budget.maxWallClockSeconds must be positive") Long maxWallClockSeconds) {

    public static Budget toAvro(BudgetRequest request) {
        return request == null ? null : Budget.newBuilder().setMaxTokens(request.maxTokens()).setMaxCostUsd(request.maxCostUsd())
                .setMaxWallClockSeconds(request.maxWallClockSeconds()).build();
    }
}
