package dev.missions.coordinator.budget;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Tokens, cost and steps spent; embedded in missions and subtasks. */
@Embeddable
public class Spend {

    @Column(name = "input_tokens")
    public long inputTokens;
    @Column(name = "output_tokens")
    public long outputTokens;
    @Column(name = "cached_tokens")
    public long cachedTokens;
    @Column(name = "cost_usd")
    public double costUsd;
    public int steps;

    public long tokens() {
        return inputTokens + outputTokens;
    }

    public void add(long input, long output, long cached, double cost, int steps) {
        inputTokens += input;
        outputTokens += output;
        cachedTokens += cached;
        costUsd += cost;
        this.steps += steps;
    }
}
