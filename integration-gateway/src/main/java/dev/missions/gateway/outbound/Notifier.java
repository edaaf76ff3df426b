package dev.missions.gateway.outbound;

import dev.missions.events.MissionEvent;
import dev.missions.gateway.GatewayConfig;
import dev.missions.schemas.AvroBytes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Sends queued notifications on a thread of its own, never the consumer's: for each mission and target only
 * the oldest open one is due, so a mission's Slack message sees its events in order. A failure is retried with
 * exponential backoff (or the provider's Retry-After); after {@code outbound.max-attempts} the notification is
 * dead: kept with its last error and logged, not lost, and the ones behind it go on.
 */
@ApplicationScoped
public class Notifier {

    private static final int BATCH = 50;
    /** Longer than any one send takes (each call has a timeout of seconds). */
    private static final Duration CLAIM = Duration.ofMinutes(2);

    @Inject
    GatewayConfig config;

    @Inject
    SlackProgress slack;

    @Inject
    LinearComments linear;

    @Inject
    PullRequests pullRequests;

    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("notifier").factory());
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent event) {
        started.set(true);
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }

    @Scheduled(every = "${missions.gateway.outbound.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Asks for a pass; at most one runs at a time, and a wake during a pass causes one more. */
    public void wake() {
        wakeAgain.set(true);
        if (started.get() && running.compareAndSet(false, true)) {
            sender.execute(this::drain);
        }
    }

    private void drain() {
        try {
            List<Notification> due;
            do {
                wakeAgain.set(false);
                due = await(this::due);
                due.forEach(this::send);
            } while (!due.isEmpty() && !sender.isShutdown());
        } catch (RuntimeException e) {
            Log.warnf("notifier pass failed (%s); the next poll retries", e.toString());
        } finally {
            running.set(false);
        }
        if (wakeAgain.get() && !sender.isShutdown()) {
            wake();
        }
    }

    private Uni<List<Notification>> due() {
        return Panache.withSession(() -> Notification.<Notification>find("from Notification n where n.doneAt is null and n.deadAt is null "
                + "and n.dueAt <= ?1 and not exists (from Notification e where e.missionId = n.missionId and e.target = n.target "
                + "and e.id < n.id and e.doneAt is null and e.deadAt is null) order by n.id", Instant.now()).page(0, BATCH).list());
    }

    /**
     * Takes the notification for this instance: moves its due time past any send, if nobody else moved it first.
     * Another gateway instance then skips it, and the ones behind it wait, as the head of their queue is still open.
     */
    private boolean claim(Notification notification) {
        return await(() -> Panache.withTransaction(() -> Notification.update(
                "dueAt = ?1 where id = ?2 and dueAt = ?3 and doneAt is null and deadAt is null",
                Instant.now().plus(CLAIM), notification.id, notification.dueAt))) == 1;
    }

    private void send(Notification notification) {
        if (!claim(notification)) {
            return;
        }
        MissionEvent event = (MissionEvent) AvroBytes.decode(MissionEvent.class.getName(), notification.payload);
        if (waitsForPullRequest(notification, event)) {
            // not a failed attempt: the notice names the pull request, which is being opened
            await(() -> Panache.withTransaction(() -> Notification.update("dueAt = ?1 where id = ?2",
                    Instant.now().plus(outboundDelay()), notification.id)));
            return;
        }
        try {
            switch (notification.target) {
                case SLACK_PROGRESS -> slack.progress(event);
                case SLACK_THREAD -> slack.threadReply(event, pullRequests.of(notification.missionId));
                case LINEAR_COMMENT -> linear.comment(event, pullRequests.of(notification.missionId));
                case PULL_REQUEST -> pullRequests.open(event);
            }
            await(() -> Panache.withTransaction(() -> Notification.update("doneAt = ?1 where id = ?2", Instant.now(), notification.id)));
        } catch (RuntimeException e) {
            failed(notification, e);
        }
    }

    private boolean waitsForPullRequest(Notification notification, MissionEvent event) {
        if (event.getType() != dev.missions.events.MissionEventType.SUCCEEDED
                || (notification.target != Target.SLACK_THREAD && notification.target != Target.LINEAR_COMMENT)) {
            return false;
        }
        return await(() -> Panache.withSession(() -> Notification.count(
                "missionId = ?1 and target = ?2 and doneAt is null and deadAt is null", notification.missionId, Target.PULL_REQUEST))) > 0;
    }

    private Duration outboundDelay() {
        return config.outbound().retryDelay();
    }

    private void failed(Notification notification, RuntimeException e) {
        int attempts = notification.attempts + 1;
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        GatewayConfig.Outbound outbound = config.outbound();
        if (attempts >= outbound.maxAttempts()) {
            Log.errorf("notification %d (%s of mission %s) dead after %d attempts: %s", notification.id, notification.target,
                    notification.missionId, attempts, error);
            await(() -> Panache.withTransaction(() -> Notification.update("attempts = ?1, deadAt = ?2, lastError = ?3 where id = ?4",
                    attempts, Instant.now(), error, notification.id)));
            return;
        }
        Duration delay = e instanceof RetryLater later && later.after() != null ? later.after() : backoff(attempts, outbound);
        Log.warnf("notification %d (%s of mission %s) failed, attempt %d, retry in %d ms: %s", notification.id, notification.target,
                notification.missionId, attempts, delay.toMillis(), error);
        await(() -> Panache.withTransaction(() -> Notification.update("attempts = ?1, dueAt = ?2, lastError = ?3 where id = ?4",
                attempts, Instant.now().plus(delay), error, notification.id)));
    }

    /**
     * Sent notifications and consumed event ids are forgotten after the delivery TTL; dead ones are kept for a person.
     * A mission's Slack message and pull request are forgotten after the mapping TTL once none of its notifications
     * is left: it has been quiet for the delivery TTL at least, and nothing of it waits or is dead.
     */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOld() {
        Instant before = Instant.now().minus(config.deliveryTtl());
        java.time.OffsetDateTime mappedBefore = java.time.OffsetDateTime.ofInstant(Instant.now().minus(config.mappingTtl()),
                java.time.ZoneOffset.UTC);
        return Panache.withTransaction(() -> Notification.delete("doneAt < ?1", before)
                .chain(() -> Panache.getSession().flatMap(session -> session
                        .createNativeQuery("delete from event_inbox where received_at < ?1")
                        .setParameter(1, java.time.OffsetDateTime.ofInstant(before, java.time.ZoneOffset.UTC)).executeUpdate()))
                .chain(() -> forgetQuiet("slack_message", mappedBefore))
                .chain(() -> forgetQuiet("pull_request", mappedBefore)))
                .replaceWithVoid();
    }

    private static Uni<Integer> forgetQuiet(String table, java.time.OffsetDateTime before) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("delete from " + table + " m where m.created_at < ?1 "
                + "and not exists (select 1 from notification n where n.mission_id = m.mission_id)")
                .setParameter(1, before).executeUpdate());
    }

    static Duration backoff(int attempts, GatewayConfig.Outbound outbound) {
        Duration delay = outbound.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(outbound.maxRetryDelay()) > 0 ? outbound.maxRetryDelay() : delay;
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("database work failed", e);
        }
    }
}
