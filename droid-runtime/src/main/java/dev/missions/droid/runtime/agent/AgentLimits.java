package dev.missions.droid.runtime.agent;

/**
 * Bounds of one agent run.
 *
 * @param maxTokens input plus output tokens; the run stops once it has used this many
 * @param maxPromptChars the conversation is compacted to stay under this many characters per request
 */
public record AgentLimits(int maxSteps, long maxTokens, int maxPromptChars) {

    public AgentLimits {
        if (maxSteps < 1 || maxTokens < 1 || maxPromptChars < 1_000) {
            throw new IllegalArgumentException("agent limits must be positive, and the prompt bound at least 1000");
        }
    }

    public AgentLimits withMaxSteps(int steps) {
        return new AgentLimits(steps, maxTokens, maxPromptChars);
    }

    public AgentLimits withMaxTokens(long tokens) {
        return new AgentLimits(maxSteps, tokens, maxPromptChars);
    }
}
