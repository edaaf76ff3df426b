package dev.missions.coordinator.core;

import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * A failed attempt is tried again with exponential backoff and jitter, a silent one (its droid died) at once; after the
 * last attempt the subtask is dead-lettered and the mission re-plans (bounded) or stops for a person.
 */
final class Failures {

    private Failures() {
    }

    /** {@code droidFailed}: a droid reported the failure (its reason may help a re-plan); false when the lease ran out. */
    static void fail(Draft d, SubtaskState.Builder subtask, String reason, boolean droidFailed) {
        subtask.lastError = reason;
        subtask.leaseExpiresAt = null;
        if (subtask.attempt >= d.rules.maxAttempts()) {
            d.move(subtask, SubtaskStatus.DEAD);
            String why = "subtask '" + subtask.title + "' failed all " + subtask.attempt + " attempts; last: " + reason;
            d.effects.add(new Effect.DeadLetter(subtask.id, subtask.attempt, reason));
            d.announce(MissionEventType.SUBTASK_FAILED, subtask, reason, Map.of());
            afterDead(d, subtask, why, droidFailed);
            return;
        }
        // backoff spares a struggling provider or repository; a dead droid's task goes to a live one at once
        Duration delay = droidFailed ? backoff(d, subtask.attempt) : Duration.ZERO;
        nextAttempt(subtask);
        d.move(subtask, SubtaskStatus.RETRY_WAIT);
        subtask.dueAt = d.now().plus(delay);
        d.announce(MissionEventType.SUBTASK_RETRYING, subtask, String.format(Locale.ROOT, "attempt %d in %.1f s after: %s",
                subtask.attempt, delay.toMillis() / 1000.0, reason), Map.of());
    }

    /** A fresh attempt: what the droid said about the last one is not about this one. */
    static void nextAttempt(SubtaskState.Builder subtask) {
        subtask.attempt++;
        subtask.lastHeartbeatAt = null;
        subtask.lastStep = null;
    }

    /** Full jitter over the upper half: {@code base * 2^(attempt-1)}, capped, times 0.5–1.0. */
    static Duration backoff(Draft d, int failedAttempt) {
        long base = d.rules.retryDelay().toMillis();
        long exponential = base << Math.min(failedAttempt - 1, 20);
        long capped = Math.min(exponential, d.rules.maxRetryDelay().toMillis());
        return Duration.ofMillis(capped / 2 + d.moment.random().nextLong(capped / 2 + 1));
    }

    /** After {@code dead} used its last attempt: a re-plan is made due, or the mission is blocked with {@code why}. */
    private static void afterDead(Draft d, SubtaskState.Builder dead, String why, boolean droidFailed) {
        if (d.status == MissionStatus.PLANNING && d.replanReason != null) {
            return; // the re-plan already due sees this subtask as failed too
        }
        String notReplanned = whyNot(d, droidFailed);
        if (notReplanned != null) {
            d.block(notReplanned.isEmpty() ? why : why + "; " + notReplanned);
            return;
        }
        d.move(MissionStatus.PLANNING);
        d.replanReason = why;
        d.announce(MissionEventType.UPDATED, dead, "re-planning the remaining work (re-plan " + (d.replans + 1) + " of "
                + d.rules.maxReplans() + ") after: " + why, Map.of());
    }

    /** Null when a re-plan may run; otherwise the note for the block reason (empty when re-planning is off). */
    private static String whyNot(Draft d, boolean droidFailed) {
        if (d.rules.maxReplans() <= 0 || d.status != MissionStatus.RUNNING) {
            return ""; // re-planning is off, or a person already holds the mission (paused): block as before
        }
        if (d.replans >= d.rules.maxReplans()) {
            return "no re-plan left (" + d.replans + " of " + d.rules.maxReplans() + " used)";
        }
        if (!droidFailed) {
            return "not re-planned: no droid answered, which a new plan cannot fix";
        }
        if (!d.rules.canReplan()) {
            return "not re-planned: no planner model cast (the built-in template cannot plan around a failure)";
        }
        return null;
    }
}
