package dev.missions.droid.runtime.agent;

/** Why an agent run ended. Only {@link #FINISHED} means the model said it was done. */
public enum StopReason {
    FINISHED,
    STEP_LIMIT,
    TOKEN_BUDGET,
    CANCELLED,
    MODEL_ERROR
}
