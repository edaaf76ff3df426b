package dev.missions.coordinator.core;

/** A mission's budget; a null limit is no limit. */
public record BudgetLimits(Long maxTokens, Double maxCostUsd, Long maxWallClockSeconds) {

    public static final BudgetLimits NONE = new BudgetLimits(null, null, null);

    /** These limits with every one {@code raise} sets replaced. */
    public BudgetLimits raisedBy(BudgetLimits raise) {
        return raise == null ? this : new BudgetLimits(raise.maxTokens != null ? raise.maxTokens : maxTokens,
                raise.maxCostUsd != null ? raise.maxCostUsd : maxCostUsd,
                raise.maxWallClockSeconds != null ? raise.maxWallClockSeconds : maxWallClockSeconds);
    }
}
