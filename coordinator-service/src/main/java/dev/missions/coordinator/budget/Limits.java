package dev.missions.coordinator.budget;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A mission's budget; a null limit is no limit. */
@Embeddable
public class Limits {

    @Column(name = "budget_max_tokens")
    public Long maxTokens;
    @Column(name = "budget_max_cost_usd")
    public Double maxCostUsd;
    @Column(name = "budget_max_wall_clock_seconds")
    public Long maxWallClockSeconds;
}
