package dev.missions.droid.runtime.agent;

import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import dev.missions.droid.runtime.cast.Price;
import dev.missions.events.Usage;

/**
 * What an attempt has used so far. Written by the agent loop, read by the heartbeat clock, hence synchronized.
 */
public final class UsageMeter {

    private final Price price;
    private long inputTokens;
    private long outputTokens;
    private long cachedTokens;
    private int steps;

    public UsageMeter(Price price) {
        this.price = price;
    }

    /** One model response: its tokens count, and it is one step. */
    public synchronized void add(TokenUsage usage) {
        steps++;
        if (usage == null) {
            return;
        }
        inputTokens += orZero(usage.inputTokenCount());
        outputTokens += orZero(usage.outputTokenCount());
        cachedTokens += cached(usage);
    }

    public synchronized int steps() {
        return steps;
    }

    public synchronized long totalTokens() {
        return inputTokens + outputTokens;
    }

    public synchronized Usage snapshot() {
        return Usage.newBuilder()
                .setInputTokens(inputTokens)
                .setOutputTokens(outputTokens)
                .setCachedTokens(cachedTokens)
                .setSteps(steps)
                .setCostUsd(price.cost(inputTokens, outputTokens, cachedTokens))
                .build();
    }

    /** One model response's usage and cost alone, as one step. */
    public Usage of(TokenUsage usage) {
        long input = usage == null ? 0 : orZero(usage.inputTokenCount());
        long output = usage == null ? 0 : orZero(usage.outputTokenCount());
        long cached = usage == null ? 0 : cached(usage);
        return Usage.newBuilder().setInputTokens(input).setOutputTokens(output).setCachedTokens(cached).setSteps(1)
                .setCostUsd(price.cost(input, output, cached)).build();
    }

    private static long cached(TokenUsage usage) {
        if (usage instanceof OpenAiTokenUsage openAi && openAi.inputTokensDetails() != null) {
            return orZero(openAi.inputTokensDetails().cachedTokens());
        }
        if (usage instanceof CachedTokenUsage withCache) {
            return withCache.cachedTokens();
        }
        return 0;
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
