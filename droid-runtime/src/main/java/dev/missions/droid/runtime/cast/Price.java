package dev.missions.droid.runtime.cast;

/** USD per million tokens of one cast; {@link #UNKNOWN} reports no cost, and the coordinator prices the usage. */
public record Price(double inputPerMillion, double outputPerMillion, double cachedInputPerMillion) {

    public static final Price UNKNOWN = new Price(0, 0, 0);

    /** Cached input tokens are part of the input tokens, billed at the cached rate. */
    public double cost(long inputTokens, long outputTokens, long cachedTokens) {
        long uncached = Math.max(0, inputTokens - cachedTokens);
        return (uncached * inputPerMillion + cachedTokens * cachedInputPerMillion + outputTokens * outputPerMillion)
                / 1_000_000d;
    }
}
