package dev.missions.gateway.outbound;

import dev.missions.events.MissionEvent;
import dev.missions.gateway.GatewayConfig;
import dev.missions.gateway.metrics.GatewayMetrics;
import dev.missions.gateway.metrics.NotificationOutcome;
import dev.missions.schemas.AvroBytes;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

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

    /**
     * Open and due, and the oldest open one of its mission and target: nothing is sent ahead of an older one that
     * waits for a retry. Id order, at most $2.
     */
    private static final String DUE = "select " + Notification.COLUMNS + " from notification n"
            + " where n.done_at is null and n.dead_at is null and n.due_at <= $1"
            + " and not exists (select 1 from notification e where e.mission_id = n.mission_id and e.target = n.target"
            + " and e.id < n.id and e.done_at is null and e.dead_at is null)"
            + " order by n.id limit $2";

    private final Pool pool;
    private final GatewayConfig config;
    private final SlackProgress slack;
    private final LinearComments linear;
    private final PullRequests pullRequests;
    private final GatewayMetrics metrics;

    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("notifier").factory());
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();

    Notifier(Pool pool, GatewayConfig config, SlackProgress slack, LinearComments linear, PullRequests pullRequests,
            GatewayMetrics metrics) {
        this.pool = pool;
        this.config = config;
        this.slack = slack;
        this.linear = linear;
        this.pullRequests = pullRequests;
        this.metrics = metrics;
        metrics.notificationsTo(Target.values());
    }

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
                due = due();
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

    private List<Notification> due() {
        List<Notification> due = new ArrayList<>();
        pool.preparedQuery(DUE).execute(Tuple.of(now(), BATCH)).await().indefinitely()
                .forEach(row -> due.add(Notification.of(row)));
        return due;
    }

    /**
     * Takes the notification for this instance: moves its due time past any send, if nobody else moved it first.
     * Another gateway instance then skips it, and the ones behind it wait, as the head of their queue is still open.
     */
    private boolean claim(Notification notification) {
        return update("update notification set due_at = $1 where id = $2 and due_at = $3 and done_at is null and dead_at is null",
                Tuple.of(now().plus(CLAIM), notification.id(), notification.dueAt())) == 1;
    }

    private void send(Notification notification) {
        if (!claim(notification)) {
            return;
        }
        MissionEvent event = (MissionEvent) AvroBytes.decode(MissionEvent.class.getName(), notification.payload());
        if (waitsForPullRequest(notification, event)) {
            // not a failed attempt: the notice names the pull request, which is being opened
            update("update notification set due_at = $1 where id = $2", Tuple.of(now().plus(outboundDelay()), notification.id()));
            return;
        }
        try {
            switch (notification.target()) {
                case SLACK_PROGRESS -> slack.progress(event);
                case SLACK_THREAD -> slack.threadReply(event, pullRequests.of(notification.missionId()));
                case LINEAR_COMMENT -> linear.comment(event, pullRequests.of(notification.missionId()));
                case PULL_REQUEST -> pullRequests.open(event);
            }
            update("update notification set done_at = $1 where id = $2", Tuple.of(now(), notification.id()));
            // counted once the row says so: a send whose done_at was not stored is tried again, and counted as retried
            metrics.notification(notification.target(), NotificationOutcome.SENT);
        } catch (RuntimeException e) {
            failed(notification, e);
        }
    }

    private boolean waitsForPullRequest(Notification notification, MissionEvent event) {
        if (event.getType() != dev.missions.events.MissionEventType.SUCCEEDED
                || (notification.target() != Target.SLACK_THREAD && notification.target() != Target.LINEAR_COMMENT)) {
            return false;
        }
        return pool.preparedQuery("select count(*) from notification where mission_id = $1 and target = $2 and done_at is null and dead_at is null")
                .execute(Tuple.of(notification.missionId(), Target.PULL_REQUEST.name()))
                .await().indefinitely().iterator().next().getLong(0) > 0;
    }

    private Duration outboundDelay() {
        return config.outbound().retryDelay();
    }

    private void failed(Notification notification, RuntimeException e) {
        int attempts = notification.attempts() + 1;
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        GatewayConfig.Outbound outbound = config.outbound();
        if (attempts >= outbound.maxAttempts()) {
            Log.errorf("notification %d (%s of mission %s) dead after %d attempts: %s", notification.id(), notification.target(),
                    notification.missionId(), attempts, error);
            update("update notification set attempts = $1, dead_at = $2, last_error = $3 where id = $4",
                    Tuple.of(attempts, now(), error, notification.id()));
            metrics.notification(notification.target(), NotificationOutcome.DEAD);
            return;
        }
        Duration delay = e instanceof RetryLater later && later.after() != null ? later.after() : backoff(attempts, outbound);
        Log.warnf("notification %d (%s of mission %s) failed, attempt %d, retry in %d ms: %s", notification.id(), notification.target(),
                notification.missionId(), attempts, delay.toMillis(), error);
        update("update notification set attempts = $1, due_at = $2, last_error = $3 where id = $4",
                Tuple.of(attempts, now().plus(delay), error, notification.id()));
        metrics.notification(notification.target(), NotificationOutcome.RETRIED);
    }

    /**
     * Sent notifications and consumed event ids are forgotten after the delivery TTL; dead ones are kept for a person.
     * A mission's Slack message and pull request are forgotten after the mapping TTL once none of its notifications
     * is left: it has been quiet for the delivery TTL at least, and nothing of it waits or is dead.
     */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOld() {
        OffsetDateTime before = now().minus(config.deliveryTtl());
        OffsetDateTime mappedBefore = now().minus(config.mappingTtl());
        return pool.withTransaction(transaction -> transaction
                        .preparedQuery("delete from notification where done_at < $1").execute(Tuple.of(before))
                        .chain(() -> transaction.preparedQuery("delete from event_inbox where received_at < $1").execute(Tuple.of(before)))
                        .chain(() -> forgetQuiet(transaction, "slack_message", mappedBefore))
                        .chain(() -> forgetQuiet(transaction, "pull_request", mappedBefore)))
                .replaceWithVoid();
    }

    private static Uni<Integer> forgetQuiet(SqlClient transaction, String table, OffsetDateTime before) {
        return transaction.preparedQuery("delete from " + table + " m where m.created_at < $1 "
                        + "and not exists (select 1 from notification n where n.mission_id = m.mission_id)")
                .execute(Tuple.of(before)).map(rows -> rows.rowCount());
    }

    static Duration backoff(int attempts, GatewayConfig.Outbound outbound) {
        Duration delay = outbound.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(outbound.maxRetryDelay()) > 0 ? outbound.maxRetryDelay() : delay;
    }

    /** One statement on its own (autocommit, as a one-statement transaction); the rows it changed. Blocks the sender. */
    private int update(String sql, Tuple arguments) {
        return pool.preparedQuery(sql).execute(arguments).await().indefinitely().rowCount();
    }

    /** Every timestamptz is bound as an OffsetDateTime in UTC (the driver takes no Instant). */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
