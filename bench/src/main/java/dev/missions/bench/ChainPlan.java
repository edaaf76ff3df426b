package dev.missions.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A mission whose explicit plan is a chain of code subtasks, each depending on the one before: every hop waits for
 * the previous result, so a chain times hops one after the other. The repository is never cloned by a noop droid.
 */
final class ChainPlan {

    static final String REPOSITORY = "file:///bench";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChainPlan() {
    }

    static ObjectNode mission(String goal, int length) {
        return mission(goal, length, "code");
    }

    /** A chain of {@code role} subtasks: another role's droid can be given another noop delay. */
    static ObjectNode mission(String goal, int length, String role) {
        ObjectNode request = JSON.createObjectNode().put("goal", goal).put("repository", REPOSITORY);
        ArrayNode subtasks = request.putObject("plan").putArray("milestones").addObject().put("title", "chain")
                .putArray("subtasks");
        for (int i = 1; i <= length; i++) {
            ObjectNode subtask = subtasks.addObject().put("key", "s" + i).put("role", role).put("title", "hop " + i)
                    .put("instructions", "stub droid: nothing to do");
            ArrayNode dependsOn = subtask.putArray("dependsOn");
            if (i > 1) {
                dependsOn.add("s" + (i - 1));
            }
        }
        return request;
    }
}
