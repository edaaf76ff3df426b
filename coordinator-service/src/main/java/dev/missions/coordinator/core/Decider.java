package dev.missions.coordinator.core;

import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import java.util.Map;

/**
 * The coordinator's decision core: {@code decide(state, input)} gives the mission's next state and the effects to carry
 * out, for every input there is. A pure function: no database, no clock, no randomness but the {@link Moment}'s, so
 * it is tested on its own and the store around it only loads, writes and sends.
 */
public final class Decider {

    private final Rules rules;

    public Decider(Rules rules) {
        this.rules = rules;
    }

    public Rules rules() {
        return rules;
    }

    public Decision decide(MissionState state, Input input, Moment moment) {
        Draft d = new Draft(state, rules, moment);
        return switch (input) {
            case Input.Admit admit -> admit(d, admit);
            case Input.Result result -> result(d, result);
            case Input.Heartbeat heartbeat -> heartbeat(d, heartbeat);
            case Input.Command command -> Steering.apply(d, command);
            case Input.Tick tick -> tick(d, tick);
            case Input.Replanned replanned -> Replanning.adopt(d, replanned);
            case Input.ReplanFailed failed -> Replanning.fail(d, failed.problem());
            case Input.Flag flag -> flag(d, flag);
        };
    }

    private static Decision admit(Draft d, Input.Admit admit) {
        if (d.status != MissionStatus.REQUESTED || !d.subtasks.isEmpty()) {
            return Decision.unchanged(d.before, null, "the mission was admitted already");
        }
        d.announce(MissionEventType.ACCEPTED, "mission accepted: " + admit.goal());
        if (admit.plan() == null) {
            d.move(MissionStatus.FAILED);
            d.announce(MissionEventType.FAILED, admit.planFailure());
        } else if (admit.awaitApproval()) {
            d.move(MissionStatus.AWAITING_APPROVAL);
            Progress.start(d, admit.plan(), admit.planSource());
            d.announce(MissionEventType.AWAITING_APPROVAL, "the plan waits for approval before work starts");
        } else {
            d.move(MissionStatus.RUNNING);
            Progress.start(d, admit.plan(), admit.planSource());
        }
        return d.decision();
    }

    /** Applies a result once: one for another attempt than the current, or for an attempt not in flight, changes nothing. */
    private static Decision result(Draft d, Input.Result result) {
        SubtaskState.Builder subtask = d.subtask(result.subtaskId()).orElse(null);
        if (subtask == null) {
            return Decision.unchanged(d.before, null, "its subtask is not part of mission " + d.before.id());
        }
        if (subtask.attempt != result.attempt() || !subtask.status().isInFlight()) {
            return Decision.unchanged(d.before, null, "subtask is at attempt " + subtask.attempt + " and " + subtask.status());
        }
        subtask.summary = result.summary();
        subtask.leaseExpiresAt = null;
        Spending.record(d, subtask, result.usage());
        if (!result.succeeded()) {
            String reason = result.failureReason() == null ? result.summary() : result.failureReason();
            if (d.finished()) {
                // e.g. a droid that stopped because the mission was cancelled: nothing to try again
                subtask.lastError = reason;
                d.move(subtask, SubtaskStatus.FAILED);
                return d.decision();
            }
            Failures.fail(d, subtask, reason, true);
            Spending.enforce(d);
            return d.decision();
        }
        d.move(subtask, SubtaskStatus.SUCCEEDED);
        subtask.artifacts = result.artifacts() == null ? Map.of() : result.artifacts();
        d.announce(MissionEventType.SUBTASK_SUCCEEDED, subtask, result.summary(), subtask.artifacts);
        Spending.enforce(d);
        Rounds.afterSuccess(d, subtask);
        return d.decision();
    }

    /** A heartbeat extends the lease of the attempt it names; one for a superseded attempt changes nothing. */
    private static Decision heartbeat(Draft d, Input.Heartbeat heartbeat) {
        SubtaskState.Builder subtask = d.subtask(heartbeat.subtaskId()).orElse(null);
        if (subtask == null || subtask.attempt != heartbeat.attempt() || !subtask.status().isInFlight()) {
            return Decision.unchanged(d.before, null, "no attempt " + heartbeat.attempt() + " in flight");
        }
        d.move(subtask, SubtaskStatus.RUNNING);
        subtask.leaseExpiresAt = d.now().plus(d.rules.lease());
        subtask.lastHeartbeatAt = d.now();
        subtask.lastStep = heartbeat.step();
        return d.decision();
    }

    /**
     * Timers are rows: an ended lease fails its attempt (a dead droid's task goes out again in the same tick), a due
     * retry is dispatched, and a wall-clock budget runs out without any event to notice it.
     */
    private static Decision tick(Draft d, Input.Tick tick) {
        for (SubtaskState.Builder subtask : d.live()) {
            boolean leaseEnded = subtask.status().isInFlight() && subtask.leaseExpiresAt != null
                    && subtask.leaseExpiresAt.isBefore(tick.leasesEndedBefore());
            if (leaseEnded && d.finished()) {
                subtask.leaseExpiresAt = null; // a finished mission's droids may never answer: their leases simply end
            } else if (leaseEnded) {
                String droid = subtask.role.name().toLowerCase() + " droid";
                Failures.fail(d, subtask, subtask.status() == SubtaskStatus.DISPATCHED
                        ? "no " + droid + " started attempt " + subtask.attempt + " within the pickup timeout"
                        : "no heartbeat from the " + droid + ": lease of attempt " + subtask.attempt + " expired", false);
            }
            if (retryDue(d, subtask)) {
                Progress.dispatch(d, subtask);
            }
        }
        if (d.status == MissionStatus.RUNNING && Spending.wallClockOver(d, d.limits)) {
            Spending.enforce(d);
        }
        return d.decision();
    }

    private static boolean retryDue(Draft d, SubtaskState.Builder subtask) {
        return subtask.status() == SubtaskStatus.RETRY_WAIT && d.status == MissionStatus.RUNNING && subtask.dueAt != null
                && !subtask.dueAt.isAfter(d.now());
    }

    private static Decision flag(Draft d, Input.Flag flag) {
        if (d.finished()) {
            return Decision.unchanged(d.before, null, "the mission is " + d.status);
        }
        d.block(flag.reason());
        return d.decision();
    }
}
