package dev.missions.coordinator.engine;

import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.mission.MissionEvents;
import dev.missions.coordinator.mission.Subtask;
import dev.missions.coordinator.mission.SubtaskStatus;
import dev.missions.coordinator.replan.Replans;
import dev.missions.events.MissionEventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A failed attempt is tried again with exponential backoff and jitter, a silent one (its droid died) at once; after the last
 * attempt the subtask is dead-lettered and the mission stops for a person.
 */
@ApplicationScoped
public class Retries {

    @Inject
    EngineConfig config;

    @Inject
    Replans replans;

    @Inject
    MissionEvents events;

    /**
     * {@code droidFailed}: a droid reported the failure (its reason may help a re-plan); false when the lease ran out.
     * After the last attempt the subtask is dead and the mission re-plans (bounded) or is blocked.
     */
    public Uni<Void> fail(Mission mission, Subtask subtask, String reason, boolean droidFailed, String causation) {
        subtask.lastError = reason;
        subtask.leaseExpiresAt = null;
        if (subtask.attempt >= config.maxAttempts()) {
            subtask.moveTo(SubtaskStatus.DEAD);
            String why = "subtask '" + subtask.title + "' failed all " + subtask.attempt + " attempts; last: " + reason;
            return deadLetter(mission, subtask, reason)
                    .chain(() -> events.announce(mission, MissionEventType.SUBTASK_FAILED, subtask, reason, causation, Map.of()))
                    .chain(() -> replans.afterDead(mission, subtask, why, droidFailed, causation));
        }
        // backoff spares a struggling provider or repository; a dead droid's task goes to a live one at once
        Duration delay = droidFailed ? backoff(subtask.attempt) : Duration.ZERO;
        subtask.nextAttempt();
        subtask.moveTo(SubtaskStatus.RETRY_WAIT);
        subtask.dueAt = Instant.now().plus(delay);
        return events.announce(mission, MissionEventType.SUBTASK_RETRYING, subtask,
                String.format("attempt %d in %.1f s after: %s", subtask.attempt, delay.toMillis() / 1000.0, reason), causation, Map.of());
    }

    /** Full jitter over the upper half: {@code base * 2^(attempt-1)}, capped, times 0.5–1.0. */
    Duration backoff(int failedAttempt) {
        long base = config.retryDelay().toMillis();
        long exponential = base << Math.min(failedAttempt - 1, 20);
        long capped = Math.min(exponential, config.maxRetryDelay().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private Uni<Void> deadLetter(Mission mission, Subtask subtask, String reason) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        insert into dead_letter (subtask_id, attempt, mission_id, reason, created_at)
                        values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""")
                .setParameter(1, subtask.id)
                .setParameter(2, subtask.attempt)
                .setParameter(3, mission.id)
                .setParameter(4, reason)
                .setParameter(5, OffsetDateTime.now())
                .executeUpdate())
                .replaceWithVoid();
    }
}
