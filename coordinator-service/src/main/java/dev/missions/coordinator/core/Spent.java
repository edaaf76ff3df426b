package dev.missions.coordinator.core;

/** Tokens, cost and steps spent by a subtask or a whole mission. */
public record Spent(long inputTokens, long outputTokens, long cachedTokens, double costUsd, int steps) {

    public static final Spent NOTHING = new Spent(0, 0, 0, 0, 0);

    public long tokens() {
        return inputTokens + outputTokens;
    }

    public Spent plus(Spent more) {
        return new Spent(inputTokens + more.inputTokens, outputTokens + more.outputTokens, cachedTokens + more.cachedTokens,
                costUsd + more.costUsd, steps + more.steps);
    }
}
