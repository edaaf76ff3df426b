package dev.missions.coordinator.lease;

import dev.missions.coordinator.budget.Budgets;
import dev.missions.coordinator.dispatch.Dispatcher;
import dev.missions.coordinator.engine.EngineConfig;
import dev.missions.coordinator.engine.Retries;
import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.mission.Subtask;
import dev.missions.coordinator.mission.SubtaskStatus;
import dev.missions.outbox.OutboxRelay;
import dev.missions.events.MissionStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Timers are rows: an expired lease fails its attempt, a due retry is dispatched. Each fires in its
 * own transaction under the mission's lock and re-checks the row, so several coordinators may tick at once.
 */
@ApplicationScoped
public class Timers {

    static final int BATCH = 200;

    @Inject
    Retries retries;

    @Inject
    Dispatcher dispatcher;

    @Inject
    OutboxRelay relay;

    @Inject
    Budgets budgets;

    @Inject
    EngineConfig config;

    /**
     * Heartbeats sent while this coordinator was down are still on the topic: for one lease after start, leases
     * do not expire, so droids are not blamed for the coordinator's own downtime while the backlog is read.
     */
    private final Instant started = Instant.now();

    record Due(UUID subtaskId, UUID missionId) {
    }

    @Scheduled(every = "${missions.engine.timer-interval:1s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        Instant now = Instant.now();
        Instant leasesEndedBefore = now.isBefore(started.plus(config.lease())) ? Instant.EPOCH : now;
        return Panache.withSession(() -> Subtask.<Subtask>find("""
                        (status in ?1 and leaseExpiresAt < ?5)
                        or (status = ?3 and dueAt <= ?2 and exists (from Mission m where m.id = missionId and m.status = ?4))""",
                        List.of(SubtaskStatus.DISPATCHED, SubtaskStatus.RUNNING), now, SubtaskStatus.RETRY_WAIT, MissionStatus.RUNNING,
                        leasesEndedBefore)
                .page(0, BATCH).list()
                .map(subtasks -> subtasks.stream().map(s -> new Due(s.id, s.missionId)).toList()))
                .flatMap(due -> eachInItsOwnTransaction(due, one -> fire(one, now, leasesEndedBefore)))
                .chain(() -> enforceWallClock(now));
    }

    /** Wall-clock budgets run out without any event to notice it, so the clock checks them. */
    private Uni<Void> enforceWallClock(Instant now) {
        return Panache.withSession(() -> Mission.<Mission>find("status = ?1 and limits.maxWallClockSeconds is not null",
                        MissionStatus.RUNNING).page(0, BATCH).list()
                .map(missions -> missions.stream()
                        .filter(m -> m.createdAt.plusSeconds(m.limits().maxWallClockSeconds).isBefore(now)).map(m -> m.id).toList()))
                .flatMap(ids -> eachInItsOwnTransaction(ids, id -> underLock(id, (mission, all) -> budgets.enforce(mission, all, null)
                        .replaceWithVoid())));
    }

    /** One transaction per item, one after another; the relay is woken when any ran. */
    private <T> Uni<Void> eachInItsOwnTransaction(List<T> items, Function<T, Uni<Void>> work) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (T item : items) {
            done = done.chain(() -> Panache.withTransaction(() -> work.apply(item)));
        }
        return items.isEmpty() ? done : done.invoke(relay::wake);
    }

    /** Holds the mission's row lock, so a timer never races a result or a command of the same mission. */
    private static Uni<Void> underLock(UUID missionId, BiFunction<Mission, List<Subtask>, Uni<Void>> work) {
        return Mission.<Mission>findById(missionId, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(mission -> Subtask.ofMission(missionId).flatMap(all -> work.apply(mission, all)));
    }

    /**
     * A subtask waiting to be tried again whose time has come at {@code at}. A dead droid's task waits for no backoff
     * (decision 0022), so it goes out in the tick that found its lease ended.
     */
    private static boolean due(Mission mission, Subtask subtask, Instant at) {
        return subtask.status == SubtaskStatus.RETRY_WAIT && mission.status == MissionStatus.RUNNING
                && subtask.dueAt != null && !subtask.dueAt.isAfter(at);
    }

    private Uni<Void> fire(Due due, Instant now, Instant leasesEndedBefore) {
        return underLock(due.missionId(), (mission, all) -> {
            Subtask subtask = all.stream().filter(s -> s.id.equals(due.subtaskId())).findFirst().orElseThrow();
            if (mission.isFinished()) {
                // a cancelled mission's droids may never answer: their leases simply end
                subtask.leaseExpiresAt = null;
                return Uni.createFrom().voidItem();
            }
            if (subtask.status.isInFlight() && subtask.leaseExpiresAt != null
                    && subtask.leaseExpiresAt.isBefore(leasesEndedBefore)) {
                String droid = subtask.role.name().toLowerCase() + " droid";
                return retries.fail(mission, subtask, subtask.status == SubtaskStatus.DISPATCHED
                        ? "no " + droid + " started attempt " + subtask.attempt + " within the pickup timeout"
                        : "no heartbeat from the " + droid + ": lease of attempt " + subtask.attempt + " expired",
                        false, null)
                        .chain(() -> due(mission, subtask, Instant.now()) ? dispatcher.dispatch(mission, subtask,
                                Dispatcher.inputsFor(subtask, SubtaskStatus.live(all)), null) : Uni.createFrom().voidItem());
            }
            if (due(mission, subtask, now)) {
                return dispatcher.dispatch(mission, subtask, Dispatcher.inputsFor(subtask, SubtaskStatus.live(all)), null);
            }
            return Uni.createFrom().voidItem();
        });
    }
}
