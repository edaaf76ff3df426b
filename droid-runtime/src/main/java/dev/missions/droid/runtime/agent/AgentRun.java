package dev.missions.droid.runtime.agent;

/**
 * The end of one agent run.
 *
 * @param answer the model's last words: its summary when {@link StopReason#FINISHED}
 * @param detail why it stopped, for a person, when it did not finish
 */
public record AgentRun(StopReason reason, String answer, int steps, String detail) {

    public boolean finished() {
        return reason == StopReason.FINISHED;
    }
}
