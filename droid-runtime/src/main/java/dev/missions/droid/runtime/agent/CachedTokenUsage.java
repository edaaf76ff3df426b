package dev.missions.droid.runtime.agent;

import dev.langchain4j.model.output.TokenUsage;

/** Token usage of providers that report prompt-cache reads beside the input tokens (Anthropic). */
public final class CachedTokenUsage extends TokenUsage {

    private final int cachedTokens;

    public CachedTokenUsage(int inputTokens, int outputTokens, int cachedTokens) {
        super(inputTokens, outputTokens);
        this.cachedTokens = cachedTokens;
    }

    public int cachedTokens() {
        return cachedTokens;
    }
}
