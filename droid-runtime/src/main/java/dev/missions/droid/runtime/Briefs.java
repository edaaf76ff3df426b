package dev.missions.droid.runtime;

import dev.missions.events.SubtaskAssigned;
import java.util.Map;
import java.util.TreeMap;

/**
 * The prompts of every role: one shared, unchanging system prompt prefix (providers cache it), the role's own
 * part, and the task brief, which carries everything that varies.
 */
public final class Briefs {

    private static final String PREFIX = """
            You are a droid of missions, a control plane that runs software missions with several droids. You work \
            in a git workspace: a clone of the mission's repository on the mission branch. You act only through the \
            tools you are given; paths are relative to the workspace root, and commands run without a shell. Tool \
            errors start with "error:"; read them and adapt. Keep changes small and in the repository's own style. \
            Never print, copy or commit secrets. When you are done, answer with a short summary of what you did and \
            why, and call no tool in that answer.

            """;

    private Briefs() {
    }

    /** The system prompt of a role: the shared prefix, then the role's instructions. */
    public static String system(String roleInstructions) {
        return PREFIX + roleInstructions.strip() + "\n";
    }

    /** The task brief: subtask, instructions, acceptance criteria and what earlier subtasks handed over. */
    public static String task(SubtaskAssigned task) {
        StringBuilder brief = new StringBuilder()
                .append("Mission ").append(task.getMeta().getMissionId()).append(", subtask ")
                .append(task.getSubtaskId()).append(" (attempt ").append(task.getAttempt()).append("): ")
                .append(task.getTitle()).append("\n\nInstructions:\n").append(task.getInstructions().strip())
                .append('\n');
        if (!task.getAcceptanceCriteria().isEmpty()) {
            brief.append("\nAcceptance criteria:\n");
            task.getAcceptanceCriteria().forEach(c -> brief.append("- ").append(c).append('\n'));
        }
        Map<String, String> inputs = new TreeMap<>(task.getInputs());
        inputs.forEach((name, value) -> {
            if (!value.isBlank()) {
                brief.append("\nFrom earlier subtasks, ").append(name).append(":\n").append(value.strip()).append('\n');
            }
        });
        if (task.getAttempt() > 1) {
            brief.append("\nAn earlier attempt may have left checkpoint commits on this branch: check git_log and "
                    + "git_diff, and continue from there.\n");
        }
        return brief.toString();
    }
}
