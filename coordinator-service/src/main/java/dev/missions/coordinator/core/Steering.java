package dev.missions.coordinator.core;

import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import java.util.List;

/** People steering a mission: approve, reject, pause, resume, cancel, retry. Same rules from REST and the bus. */
final class Steering {

    private Steering() {
    }

    static Decision apply(Draft d, Input.Command command) {
        String by = command.actor() == null ? "" : " by " + command.actor();
        String because = command.reason() == null ? "" : ": " + command.reason();
        MissionStatus status = d.status;
        String refusal = switch (command.type()) {
            case APPROVE -> status != MissionStatus.AWAITING_APPROVAL ? refusal(d, "approve", "awaiting approval")
                    : approve(d, gate(d) + " approved" + by + because);
            case REJECT -> status != MissionStatus.AWAITING_APPROVAL ? refusal(d, "reject", "awaiting approval")
                    : end(d, gate(d) + " rejected" + by + because);
            case PAUSE -> status != MissionStatus.RUNNING ? refusal(d, "pause", "running")
                    : change(d, MissionStatus.PAUSED, MissionEventType.PAUSED, "paused" + by + because);
            case RESUME -> status != MissionStatus.PAUSED ? refusal(d, "resume", "paused")
                    : resume(d, command.raise(), "resumed" + by + because);
            case CANCEL -> d.finished() ? refusal(d, "cancel", "unfinished") : end(d, "cancelled" + by + because);
            case RETRY -> status != MissionStatus.BLOCKED ? refusal(d, "retry", "blocked") : retry(d, "retried" + by + because);
        };
        return refusal == null ? d.decision() : Decision.unchanged(d.before, refusal, null);
    }

    /** A mission waits for approval of its plan before work starts, or of its hand-off when all work is done. */
    private static String gate(Draft d) {
        return d.live().stream().allMatch(s -> s.status == SubtaskStatus.SUCCEEDED) ? "hand-off" : "plan";
    }

    private static String approve(Draft d, String message) {
        d.handoffApproved = gate(d).equals("hand-off");
        run(d, message);
        Progress.advance(d);
        return null;
    }

    /** A raised budget comes with the command; resuming a mission still over budget would only pause it again. */
    private static String resume(Draft d, BudgetLimits raise, String message) {
        BudgetLimits limits = d.limits.raisedBy(raise);
        String still = Spending.exceeded(d, limits);
        if (still != null) {
            return "still over budget (" + still + "); resume with a raised budget";
        }
        d.limits = limits;
        run(d, message);
        Progress.advance(d);
        return null;
    }

    /** Dead subtasks get a fresh attempt; a mission stopped by the round limit gets one more round. */
    private static String retry(Draft d, String message) {
        List<SubtaskState.Builder> dead = d.subtasks.stream().filter(s -> s.status() == SubtaskStatus.DEAD).toList();
        dead.forEach(subtask -> {
            Failures.nextAttempt(subtask);
            d.move(subtask, SubtaskStatus.PENDING);
        });
        d.blockedReason = null;
        run(d, message);
        if (dead.isEmpty()) {
            Rounds.oneMoreRound(d);
        } else {
            Progress.advance(d);
        }
        return null;
    }

    private static void run(Draft d, String message) {
        d.move(MissionStatus.RUNNING);
        d.announce(MissionEventType.RESUMED, message);
    }

    private static String change(Draft d, MissionStatus next, MissionEventType type, String message) {
        d.move(next);
        d.announce(type, message);
        return null;
    }

    private static String end(Draft d, String message) {
        return change(d, MissionStatus.CANCELLED, MissionEventType.CANCELLED, message);
    }

    private static String refusal(Draft d, String verb, String required) {
        return "cannot " + verb + " a mission that is " + d.status + "; only a " + required + " mission can be";
    }
}
